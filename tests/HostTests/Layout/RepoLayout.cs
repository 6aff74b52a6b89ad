using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NanoIP.HostTests.Layout
{
    /// <summary>
    /// Reads the repository the way the nanoFramework project system does: which .cs files each
    /// .nfproj compiles (its Compile Include/Exclude/Remove items, globs expanded as MSBuild does),
    /// its constants and package references. Every check returns the problems it found, so the
    /// same code runs on the real tree and on small broken trees the tests build.
    /// </summary>
    internal sealed class RepoLayout
    {
        /// <summary>Device source sets that need a .Host.csproj beside their .nfproj.</summary>
        public static readonly string[] DualTargetRoots = { "firmware", "drivers", Path.Combine("tests", "UnitTests") };

        private static readonly XNamespace Msb = "http://schemas.microsoft.com/developer/msbuild/2003";

        public RepoLayout(string root)
        {
            Root = Path.GetFullPath(root);
        }

        public string Root { get; }

        /// <summary>Every .cs file the device builds: firmware/, drivers/, tests/UnitTests/, boards/Esp32*.</summary>
        public List<string> DeviceSources()
        {
            var roots = new List<string>();
            foreach (string r in DualTargetRoots)
            {
                roots.Add(Path.Combine(Root, r));
            }

            string boards = Path.Combine(Root, "boards");
            if (Directory.Exists(boards))
            {
                roots.AddRange(Directory.GetDirectories(boards, "Esp32*"));
            }

            var files = new List<string>();
            foreach (string r in roots.Where(Directory.Exists))
            {
                files.AddRange(FilesUnder(r, "*.cs"));
            }

            return files.Select(Path.GetFullPath).Distinct().OrderBy(f => f, StringComparer.Ordinal).ToList();
        }

        /// <summary>Every .nfproj anywhere in the repository (a stray one would also compile files).</summary>
        public List<string> DeviceProjects()
        {
            return FilesUnder(Root, "*.nfproj").OrderBy(f => f, StringComparer.Ordinal).ToList();
        }

        /// <summary>Each device source must be compiled by exactly one .nfproj.</summary>
        public List<string> CheckCoverage()
        {
            var problems = new List<string>();
            var owners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (string project in DeviceProjects())
            {
                foreach (string file in CompiledFiles(project, problems))
                {
                    if (!owners.TryGetValue(file, out var list))
                    {
                        owners[file] = list = new List<string>();
                    }

                    list.Add(Rel(project));
                }
            }

            foreach (string file in DeviceSources())
            {
                if (!owners.TryGetValue(file, out var list))
                {
                    problems.Add(Rel(file) + ": compiled by no .nfproj");
                }
                else if (list.Count > 1)
                {
                    problems.Add(Rel(file) + ": compiled by " + list.Count + " projects (" + string.Join(", ", list) + ")");
                }
            }

            return problems;
        }

        /// <summary>The .cs files a .nfproj compiles, after Include, Exclude and Remove.</summary>
        public List<string> CompiledFiles(string project, List<string> problems)
        {
            string dir = Path.GetDirectoryName(project);
            XDocument doc = XDocument.Load(project);
            var all = FilesUnder(dir, "*", skipBuildOutput: false).Select(f => Relative(dir, f)).ToList();
            var included = new List<string>();
            foreach (XElement item in Items(doc, "Compile"))
            {
                string include = (string)item.Attribute("Include");
                string exclude = (string)item.Attribute("Exclude");
                string remove = (string)item.Attribute("Remove");
                if (include != null)
                {
                    var excluded = Match(all, exclude, dir, project, problems);
                    foreach (string pattern in Split(include))
                    {
                        if (!Usable(pattern, project, problems))
                        {
                            continue;
                        }

                        if (IsWildcard(pattern))
                        {
                            included.AddRange(all.Where(f => GlobRegex(pattern).IsMatch(f) && !excluded.Contains(f)));
                        }
                        else
                        {
                            string rel = Normalize(pattern);
                            if (!File.Exists(Path.Combine(dir, rel)))
                            {
                                problems.Add(Rel(project) + ": Compile Include names a missing file " + pattern);
                            }
                            else if (!excluded.Contains(rel))
                            {
                                included.Add(rel);
                            }
                        }
                    }
                }

                if (remove != null)
                {
                    var removed = Match(all, remove, dir, project, problems);
                    included.RemoveAll(removed.Contains);
                }
            }

            return included.Distinct().Select(f => Path.GetFullPath(Path.Combine(dir, f))).ToList();
        }

        /// <summary>Each .nfproj defines NANOFRAMEWORK, the symbol every platform file switches on.</summary>
        public List<string> CheckDefineConstants()
        {
            var problems = new List<string>();
            foreach (string project in DeviceProjects())
            {
                XDocument doc = XDocument.Load(project);
                bool found = doc.Descendants(Msb + "DefineConstants")
                    .Any(e => e.Value.Split(';').Select(s => s.Trim()).Contains("NANOFRAMEWORK"));
                if (!found)
                {
                    problems.Add(Rel(project) + ": DefineConstants lacks NANOFRAMEWORK");
                }
            }

            return problems;
        }

        /// <summary>packages.config and the HintPaths agree, package by package and version by version.</summary>
        public List<string> CheckPackages()
        {
            var problems = new List<string>();
            string packagesRoot = Path.Combine(Root, "packages") + Path.DirectorySeparatorChar;
            foreach (string project in DeviceProjects())
            {
                string dir = Path.GetDirectoryName(project);
                string config = Path.Combine(dir, "packages.config");
                if (!File.Exists(config))
                {
                    problems.Add(Rel(project) + ": no packages.config beside it");
                    continue;
                }

                var listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (XElement p in XDocument.Load(config).Descendants("package"))
                {
                    listed.Add((string)p.Attribute("id") + " " + (string)p.Attribute("version"));
                }

                var referenced = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (XElement hint in XDocument.Load(project).Descendants(Msb + "HintPath"))
                {
                    string full = Path.GetFullPath(Path.Combine(dir, Normalize(hint.Value.Trim())));
                    if (!full.StartsWith(packagesRoot, StringComparison.Ordinal))
                    {
                        problems.Add(Rel(project) + ": HintPath " + hint.Value + " is not under the repository's packages/ folder");
                        continue;
                    }

                    string folder = full.Substring(packagesRoot.Length).Split(Path.DirectorySeparatorChar)[0];
                    string package = PackageOfFolder(folder);
                    if (package == null)
                    {
                        problems.Add(Rel(project) + ": HintPath " + hint.Value + " names no <id>.<version> folder");
                        continue;
                    }

                    referenced.Add(package);
                }

                foreach (string p in referenced.Where(r => !listed.Contains(r)))
                {
                    problems.Add(Rel(project) + ": references " + p + " which packages.config does not list");
                }

                foreach (string p in listed.Where(l => !referenced.Contains(l)))
                {
                    problems.Add(Rel(project) + ": packages.config lists " + p + " which no HintPath references");
                }
            }

            return problems;
        }

        /// <summary>Every device folder under firmware/, drivers/, tests/UnitTests/ builds for the host too.</summary>
        public List<string> CheckHostProjects()
        {
            var problems = new List<string>();
            foreach (string project in DeviceProjects())
            {
                string dir = Path.GetDirectoryName(project);
                bool dual = DualTargetRoots.Any(r => IsUnder(dir, Path.Combine(Root, r)));
                if (dual && Directory.GetFiles(dir, "*.Host.csproj").Length == 0)
                {
                    problems.Add(Rel(project) + ": no .Host.csproj beside it");
                }
            }

            return problems;
        }

        /// <summary>Only *.Platform.cs files hold #if, and each holds #if NANOFRAMEWORK.</summary>
        public List<string> CheckConditionalCompilation()
        {
            var problems = new List<string>();
            var directive = new Regex(@"^\s*#\s*(if|elif)\b(.*)$", RegexOptions.Multiline);
            foreach (string file in DeviceSources())
            {
                string text = File.ReadAllText(file);
                bool platform = file.EndsWith(".Platform.cs", StringComparison.OrdinalIgnoreCase);
                MatchCollection found = directive.Matches(text);
                if (!platform && found.Count > 0)
                {
                    problems.Add(Rel(file) + ": #" + found[0].Groups[1].Value + " outside a *.Platform.cs file");
                }

                if (platform && !found.Any(m => m.Groups[1].Value == "if" && m.Groups[2].Value.Trim() == "NANOFRAMEWORK"))
                {
                    problems.Add(Rel(file) + ": platform file without #if NANOFRAMEWORK");
                }
            }

            return problems;
        }

        /// <summary>
        /// No device source silences the subset gate: no gate pragma, no [SuppressMessage] (it can hide
        /// a diagnostic at its own location, even the gate's NF0015 about it, so this check does not
        /// rely on the gate), and no file that looks generated (the gate skips generated code).
        /// </summary>
        public List<string> CheckGateSuppressions()
        {
            var problems = new List<string>();
            var pragma = new Regex(@"^\s*#\s*pragma\s+warning\s+disable\b(.*)$", RegexOptions.Multiline);
            var attribute = new Regex(@"\b(Unconditional)?SuppressMessage(Attribute)?\s*\(");
            foreach (string file in DeviceSources())
            {
                string text = File.ReadAllText(file);
                foreach (Match m in pragma.Matches(text))
                {
                    string codes = m.Groups[1].Value.Split(new[] { "//" }, StringSplitOptions.None)[0].Trim();
                    if (codes.Length == 0 || Regex.IsMatch(codes, @"\bNF\d", RegexOptions.IgnoreCase))
                    {
                        problems.Add(Rel(file) + ": " + m.Value.Trim());
                    }
                }

                if (attribute.IsMatch(text))
                {
                    problems.Add(Rel(file) + ": uses SuppressMessage");
                }

                // The gate skips generated code; a hand-written device file must not look generated.
                string name = Path.GetFileName(file);
                if (Regex.IsMatch(name, @"\.(g|g\.i|designer|generated)\.cs$", RegexOptions.IgnoreCase)
                    || name.StartsWith("TemporaryGeneratedFile_", StringComparison.OrdinalIgnoreCase)
                    || Regex.IsMatch(text, @"^\s*(//[^\n]*\n\s*)*//\s*<auto-?generated", RegexOptions.IgnoreCase))
                {
                    problems.Add(Rel(file) + ": looks generated, so the gate would skip it");
                }
            }

            return problems;
        }

        // ---- helpers ----

        /// <summary>"nanoFramework.CoreLibrary.1.17.11" -> "nanoFramework.CoreLibrary 1.17.11".</summary>
        public static string PackageOfFolder(string folder)
        {
            string[] parts = folder.Split('.');
            for (int i = 1; i < parts.Length; i++)
            {
                if (parts[i].Length > 0 && parts[i].All(char.IsDigit))
                {
                    return string.Join(".", parts, 0, i) + " " + string.Join(".", parts, i, parts.Length - i);
                }
            }

            return null;
        }

        private static IEnumerable<XElement> Items(XDocument doc, string name)
        {
            return doc.Descendants(Msb + "ItemGroup").Elements(Msb + name);
        }

        private HashSet<string> Match(List<string> all, string patterns, string dir, string project, List<string> problems)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (string pattern in Split(patterns))
            {
                if (!Usable(pattern, project, problems))
                {
                    continue;
                }

                Regex regex = GlobRegex(pattern);
                foreach (string f in all.Where(f => regex.IsMatch(f)))
                {
                    set.Add(f);
                }
            }

            return set;
        }

        private bool Usable(string pattern, string project, List<string> problems)
        {
            if (pattern.Contains("$(") || pattern.Contains("@(") || pattern.Contains("%("))
            {
                problems.Add(Rel(project) + ": Compile item " + pattern + " uses MSBuild properties or items, which this check cannot expand");
                return false;
            }

            if (Normalize(pattern).StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(pattern))
            {
                problems.Add(Rel(project) + ": Compile item " + pattern + " reaches outside the project folder");
                return false;
            }

            return true;
        }

        private static IEnumerable<string> Split(string patterns)
        {
            if (string.IsNullOrWhiteSpace(patterns))
            {
                return Array.Empty<string>();
            }

            return patterns.Split(';').Select(p => p.Trim()).Where(p => p.Length > 0);
        }

        private static bool IsWildcard(string pattern) => pattern.IndexOfAny(new[] { '*', '?' }) >= 0;

        private static string Normalize(string path)
        {
            string p = path.Replace('\\', '/');
            while (p.StartsWith("./", StringComparison.Ordinal))
            {
                p = p.Substring(2);
            }

            return p;
        }

        /// <summary>MSBuild glob: ** spans folders, * and ? stay within one; case-insensitive as on Windows.</summary>
        public static Regex GlobRegex(string pattern)
        {
            string p = Normalize(pattern);
            var sb = new System.Text.StringBuilder("^");
            for (int i = 0; i < p.Length; i++)
            {
                char c = p[i];
                if (c == '*' && i + 1 < p.Length && p[i + 1] == '*')
                {
                    bool slashAfter = i + 2 < p.Length && p[i + 2] == '/';
                    sb.Append(slashAfter ? "(?:.*/)?" : ".*");
                    i += slashAfter ? 2 : 1;
                }
                else if (c == '*')
                {
                    sb.Append("[^/]*");
                }
                else if (c == '?')
                {
                    sb.Append("[^/]");
                }
                else
                {
                    sb.Append(Regex.Escape(c.ToString()));
                }
            }

            sb.Append('$');
            return new Regex(sb.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        private static List<string> FilesUnder(string dir, string pattern, bool skipBuildOutput = true)
        {
            var result = new List<string>();
            var pending = new Stack<string>();
            pending.Push(dir);
            while (pending.Count > 0)
            {
                string d = pending.Pop();
                result.AddRange(Directory.GetFiles(d, pattern));
                foreach (string sub in Directory.GetDirectories(d))
                {
                    string name = Path.GetFileName(sub);
                    if (name == ".git" || (skipBuildOutput && (name == "bin" || name == "obj")))
                    {
                        continue;
                    }

                    pending.Push(sub);
                }
            }

            return result;
        }

        private static string Relative(string dir, string file) => Path.GetRelativePath(dir, file).Replace('\\', '/');

        private static bool IsUnder(string dir, string root)
        {
            string d = Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            string r = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return d.StartsWith(r, StringComparison.Ordinal);
        }

        private string Rel(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
    }
}
