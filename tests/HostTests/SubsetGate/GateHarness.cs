using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NanoIP.SubsetGate;

namespace NanoIP.HostTests.SubsetGate
{
    /// <summary>
    /// Compiles a small device-code sample in-process the way the host build does (C# 9,
    /// NANOIP_HOST, NanoIPDeviceCode=true, the real API list) and runs the gate over it.
    /// </summary>
    internal static class GateHarness
    {
        private static readonly Lazy<string> RepoRootLazy = new Lazy<string>(FindRepoRoot);
        private static readonly Lazy<string> ApiListPathLazy = new Lazy<string>(FindApiList);
        private static readonly Lazy<ImmutableArray<MetadataReference>> ReferencesLazy = new Lazy<ImmutableArray<MetadataReference>>(BuildReferences);

        /// <summary>The folder holding nf.proj, found by walking up from this assembly.</summary>
        public static string RepoRoot => RepoRootLazy.Value;

        /// <summary>
        /// ../shared/facts/nanoframework-api.txt beside the repo (as Directory.Build.props says);
        /// a worktree nested deeper finds the nearest shared/facts above it.
        /// </summary>
        public static string ApiListPath => ApiListPathLazy.Value;

        public static string ApiListText => File.ReadAllText(ApiListPath);

        public static ImmutableArray<MetadataReference> References => ReferencesLazy.Value;

        public sealed class Result
        {
            public Diagnostic[] Gate;
            public Diagnostic[] CompilerErrors;
            public Exception[] AnalyzerExceptions;

            public string[] Ids => Gate.Select(d => d.Id).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray();

            public override string ToString()
            {
                var lines = new List<string>();
                lines.AddRange(Gate.Select(d => d.ToString()));
                lines.AddRange(CompilerErrors.Select(d => "compiler: " + d));
                lines.AddRange(AnalyzerExceptions.Select(e => "analyzer threw: " + e));
                return lines.Count == 0 ? "(nothing)" : string.Join(Environment.NewLine, lines);
            }
        }

        /// <summary>Runs the gate over files (path, source); options as the host build of device code sets them.</summary>
        public static Result Run(
            (string Path, string Source)[] files,
            bool deviceCode = true,
            string apiListText = null,
            bool withApiList = true,
            LanguageVersion languageVersion = LanguageVersion.CSharp9)
        {
            var parseOptions = new CSharpParseOptions(languageVersion, DocumentationMode.None, SourceCodeKind.Regular, new[] { "NANOIP_HOST", "DEBUG", "TRACE" });
            SyntaxTree[] trees = files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Source), parseOptions, f.Path)).ToArray();
            var compilation = CSharpCompilation.Create(
                "Sample",
                trees,
                References.Add(SupportReference.Value),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Disable));

            var additional = ImmutableArray<AdditionalText>.Empty;
            if (withApiList)
            {
                additional = additional.Add(new MemoryText("/repo/../shared/facts/" + ApiList.FileName, apiListText ?? ApiListText));
            }

            var globals = new Dictionary<string, string>();
            if (deviceCode)
            {
                globals[SubsetGateAnalyzer.DeviceCodeProperty] = "true";
            }

            var exceptions = new List<Exception>();
            var analyzerOptions = new AnalyzerOptions(additional, new Options(globals));
            var withAnalyzers = compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(new SubsetGateAnalyzer()),
                new CompilationWithAnalyzersOptions(analyzerOptions, (e, a, d) => { lock (exceptions) exceptions.Add(e); }, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
            ImmutableArray<Diagnostic> gate = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            return new Result
            {
                Gate = gate.OrderBy(d => d.Location.SourceSpan.Start).ToArray(),
                CompilerErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray(),
                AnalyzerExceptions = exceptions.ToArray(),
            };
        }

        public static Result Run(string source, string path = "firmware/Sample.cs", LanguageVersion languageVersion = LanguageVersion.CSharp9)
        {
            return Run(new[] { (path, source) }, languageVersion: languageVersion);
        }

        /// <summary>An assembly named NanoIP.* is own code for the gate: the samples' helpers live here.</summary>
        private static readonly Lazy<MetadataReference> SupportReference = new Lazy<MetadataReference>(() =>
        {
            const string Source = @"
namespace NanoIP.GateSupport
{
    public sealed class Awaitable
    {
        public static readonly Awaitable Instance = new Awaitable();
        public Awaiter GetAwaiter() { return new Awaiter(); }
    }

    public sealed class Awaiter : System.Runtime.CompilerServices.INotifyCompletion
    {
        public bool IsCompleted { get { return true; } }
        public void OnCompleted(System.Action continuation) { continuation(); }
        public void GetResult() { }
    }
}";
            var compilation = CSharpCompilation.Create(
                "NanoIP.GateSupport",
                new[] { CSharpSyntaxTree.ParseText(Source) },
                References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var stream = new MemoryStream();
            var emitted = compilation.Emit(stream);
            if (!emitted.Success)
            {
                throw new InvalidOperationException("support assembly: " + string.Join("; ", emitted.Diagnostics));
            }

            return MetadataReference.CreateFromImage(stream.ToArray());
        });

        private static ImmutableArray<MetadataReference> BuildReferences()
        {
            // The shared framework (System.Private.CoreLib's folder) plus .NET IoT's System.Device.Gpio.
            string frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
            string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
            var paths = tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal) && p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .ToList();
            paths.Add(typeof(System.Device.Gpio.GpioController).Assembly.Location);
            var references = new List<MetadataReference>();
            foreach (string p in paths.Distinct())
            {
                try
                {
                    using var stream = File.OpenRead(p);
                    using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
                    if (!pe.HasMetadata)
                    {
                        continue; // native images in the framework folder
                    }
                }
                catch (BadImageFormatException)
                {
                    continue;
                }

                references.Add(MetadataReference.CreateFromFile(p));
            }

            return references.ToImmutableArray();
        }

        private static string FindRepoRoot()
        {
            string dir = Path.GetDirectoryName(typeof(GateHarness).Assembly.Location);
            for (int depth = 0; dir != null && depth < 20; depth++)
            {
                if (File.Exists(Path.Combine(dir, "nf.proj")))
                {
                    return dir;
                }

                dir = Path.GetDirectoryName(dir);
            }

            throw new InvalidOperationException("nf.proj not found above " + typeof(GateHarness).Assembly.Location);
        }

        private static string FindApiList()
        {
            string dir = Path.GetDirectoryName(RepoRoot);
            for (int depth = 0; dir != null && depth < 20; depth++)
            {
                string candidate = Path.Combine(dir, "shared", "facts", ApiList.FileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                dir = Path.GetDirectoryName(dir);
            }

            throw new InvalidOperationException("shared/facts/" + ApiList.FileName + " not found beside or above " + RepoRoot);
        }

        private sealed class MemoryText : AdditionalText
        {
            private readonly SourceText _text;

            public MemoryText(string path, string content)
            {
                Path = path;
                _text = content == null ? null : SourceText.From(content);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }

        private sealed class Options : AnalyzerConfigOptionsProvider
        {
            private readonly ConfigOptions _global;

            public Options(Dictionary<string, string> global)
            {
                _global = new ConfigOptions(global);
            }

            public override AnalyzerConfigOptions GlobalOptions => _global;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => ConfigOptions.Empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => ConfigOptions.Empty;
        }

        private sealed class ConfigOptions : AnalyzerConfigOptions
        {
            public static readonly ConfigOptions Empty = new ConfigOptions(new Dictionary<string, string>());
            private readonly Dictionary<string, string> _values;

            public ConfigOptions(Dictionary<string, string> values)
            {
                _values = values;
            }

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value);
        }
    }
}
