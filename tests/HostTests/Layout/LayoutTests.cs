using nanoFramework.TestFramework;
using NanoIP.HostTests.SubsetGate;

namespace NanoIP.HostTests.Layout
{
    /// <summary>
    /// The repository keeps one source for two targets: each device file belongs to exactly one
    /// .nfproj, each .nfproj defines NANOFRAMEWORK and agrees with its packages.config, each
    /// device folder has its host twin, and only platform files use #if. The second half of the
    /// class breaks small copies of the layout on purpose, so each check is seen to fail.
    /// </summary>
    [TestClass]
    public class LayoutTests
    {
        private static RepoLayout Repo => new RepoLayout(GateHarness.RepoRoot);

        [TestMethod]
        public void RepositoryHasDeviceSourcesAndProjects()
        {
            // Guards the checks below against passing on an empty scan.
            Assert.IsTrue(Repo.DeviceSources().Count >= 5, string.Join("\n", Repo.DeviceSources()));
            Assert.IsTrue(Repo.DeviceProjects().Count >= 3, string.Join("\n", Repo.DeviceProjects()));
            Assert.IsTrue(Repo.DeviceSources().Any(f => f.EndsWith("InternetChecksum.cs", StringComparison.Ordinal)));
        }

        [TestMethod]
        public void EveryDeviceSourceIsCompiledByExactlyOneNfproj()
        {
            Expect(Repo.CheckCoverage());
        }

        [TestMethod]
        public void EveryNfprojDefinesNanoFramework()
        {
            Expect(Repo.CheckDefineConstants());
        }

        [TestMethod]
        public void PackagesConfigMatchesHintPaths()
        {
            Expect(Repo.CheckPackages());
        }

        [TestMethod]
        public void EveryDeviceFolderHasAHostProject()
        {
            Expect(Repo.CheckHostProjects());
        }

        [TestMethod]
        public void OnlyPlatformFilesUseConditionalCompilation()
        {
            Expect(Repo.CheckConditionalCompilation());
        }

        // ---- the checks can fail ----

        [TestMethod]
        public void StrayNestedNfprojCoversFilesTwice()
        {
            using var tree = new FakeRepo();
            tree.Write("firmware/Core/A.cs", "class A { }");
            tree.Write("firmware/Core/Core.nfproj", Nfproj(@"<Compile Include=""**\*.cs"" Exclude=""bin\**;obj\**"" />"));
            var problems = tree.Layout.CheckCoverage();
            Assert.AreEqual(1, problems.Count, string.Join("\n", problems));
            Assert.IsTrue(problems[0].Contains("firmware/Core/A.cs") && problems[0].Contains("2 projects"), problems[0]);
        }

        [TestMethod]
        public void FileOutsideEveryGlobIsReported()
        {
            using var tree = new FakeRepo();
            tree.Write("firmware/Old/Gone.cs", "class G { }");
            tree.Write("firmware/NanoIP.Firmware.nfproj", Nfproj(@"<Compile Include=""Core\*.cs"" /><Compile Include=""**\*.cs"" Exclude=""Old\**;bin\**;obj\**"" />"));
            var problems = tree.Layout.CheckCoverage();
            Assert.IsTrue(problems.Any(p => p.Contains("firmware/Old/Gone.cs") && p.Contains("no .nfproj")), string.Join("\n", problems));
        }

        [TestMethod]
        public void ExplicitFileListsAndRemoveAreHonoured()
        {
            using var tree = new FakeRepo();
            tree.Write("boards/Esp32DevKitC/Pins.cs", "class P { }");
            tree.Write("boards/Esp32DevKitC/Program.cs", "class Q { }");
            tree.Write("boards/Esp32DevKitC/Board.nfproj", Nfproj(
                @"<Compile Include=""Pins.cs;Program.cs;Missing.cs"" /><Compile Remove=""Program.cs"" />"));
            var problems = tree.Layout.CheckCoverage();
            string all = string.Join("\n", problems);
            Assert.IsTrue(problems.Any(p => p.Contains("Missing.cs") && p.Contains("missing file")), all);
            Assert.IsTrue(problems.Any(p => p.Contains("boards/Esp32DevKitC/Program.cs") && p.Contains("no .nfproj")), all);
            Assert.IsFalse(problems.Any(p => p.Contains("Pins.cs")), all);
        }

        [TestMethod]
        public void ObjFolderIsCompiledWhenTheNfprojForgetsToExcludeIt()
        {
            // The host build writes generated .cs into obj/: a glob without the exclusion takes them in.
            using var tree = new FakeRepo();
            tree.Write("drivers/Link/L.cs", "class L { }");
            tree.Write("drivers/obj/Gen.cs", "class Gen { }");
            tree.Write("drivers/NanoIP.Drivers.nfproj", Nfproj(@"<Compile Include=""**\*.cs"" />"));
            var files = tree.Layout.CompiledFiles(Path.Combine(tree.Root, "drivers", "NanoIP.Drivers.nfproj"), new List<string>());
            Assert.IsTrue(files.Any(f => f.EndsWith("Gen.cs", StringComparison.Ordinal)), string.Join("\n", files));
        }

        [TestMethod]
        public void MissingNanoFrameworkSymbolIsReported()
        {
            using var tree = new FakeRepo();
            tree.Write("drivers/NanoIP.Drivers.nfproj", Nfproj(string.Empty, defineConstants: "$(DefineConstants);DEBUG"));
            var problems = tree.Layout.CheckDefineConstants();
            Assert.AreEqual(1, problems.Count, string.Join("\n", problems));
        }

        [TestMethod]
        public void PackageMismatchesAreReportedBothWays()
        {
            using var tree = new FakeRepo();
            tree.Write("drivers/NanoIP.Drivers.nfproj", Nfproj(string.Empty, references:
                @"<Reference Include=""mscorlib""><HintPath>..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll</HintPath></Reference>
                  <Reference Include=""System.Device.Spi""><HintPath>..\packages\nanoFramework.System.Device.Spi.1.3.48\lib\System.Device.Spi.dll</HintPath></Reference>"));
            tree.Write("drivers/packages.config", @"<?xml version=""1.0"" encoding=""utf-8""?>
<packages>
  <package id=""nanoFramework.CoreLibrary"" version=""1.17.10"" targetFramework=""netnano1.0"" />
  <package id=""nanoFramework.System.Device.Spi"" version=""1.3.48"" targetFramework=""netnano1.0"" />
  <package id=""nanoFramework.Runtime.Events"" version=""1.11.37"" targetFramework=""netnano1.0"" />
</packages>");
            string all = string.Join("\n", tree.Layout.CheckPackages());
            Assert.IsTrue(all.Contains("references nanoFramework.CoreLibrary 1.17.11"), all);
            Assert.IsTrue(all.Contains("lists nanoFramework.CoreLibrary 1.17.10"), all);
            Assert.IsTrue(all.Contains("lists nanoFramework.Runtime.Events 1.11.37"), all);
            Assert.IsFalse(all.Contains("Spi"), all);

            tree.Delete("drivers/packages.config");
            Assert.IsTrue(tree.Layout.CheckPackages().Any(p => p == "drivers/NanoIP.Drivers.nfproj: no packages.config beside it"));
        }

        [TestMethod]
        public void PackageFolderNamesSplitIntoIdAndVersion()
        {
            Assert.AreEqual("nanoFramework.CoreLibrary 1.17.11", RepoLayout.PackageOfFolder("nanoFramework.CoreLibrary.1.17.11"));
            Assert.AreEqual("nanoFramework.System.Device.Gpio 1.1.62", RepoLayout.PackageOfFolder("nanoFramework.System.Device.Gpio.1.1.62"));
            Assert.IsNull(RepoLayout.PackageOfFolder("NoVersion"));
        }

        [TestMethod]
        public void GlobsFollowMsBuildRules()
        {
            Assert.IsTrue(RepoLayout.GlobRegex(@"**\*.cs").IsMatch("A.cs"));
            Assert.IsTrue(RepoLayout.GlobRegex(@"**\*.cs").IsMatch("Core/Deep/A.cs"));
            Assert.IsFalse(RepoLayout.GlobRegex(@"**\*.cs").IsMatch("Core/A.csx"));
            Assert.IsTrue(RepoLayout.GlobRegex(@"obj\**").IsMatch("obj/Debug/X.cs"));
            Assert.IsFalse(RepoLayout.GlobRegex(@"obj\**").IsMatch("Core/obj2/X.cs"));
            Assert.IsFalse(RepoLayout.GlobRegex(@"Core\*.cs").IsMatch("Core/Deep/A.cs"));
            Assert.IsTrue(RepoLayout.GlobRegex(@"Core\?.cs").IsMatch("core/A.cs"));
        }

        [TestMethod]
        public void DeviceFolderWithoutHostProjectIsReported()
        {
            using var tree = new FakeRepo();
            tree.Write("boards/Esp32DevKitC/Board.nfproj", Nfproj(string.Empty));
            var problems = tree.Layout.CheckHostProjects();
            Assert.AreEqual(1, problems.Count, "boards/Esp32* needs none: " + string.Join("\n", problems));
            Assert.IsTrue(problems[0].StartsWith("firmware/", StringComparison.Ordinal), problems[0]);
            tree.Write("firmware/NanoIP.Firmware.Host.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
            Assert.AreEqual(0, tree.Layout.CheckHostProjects().Count);
        }

        [TestMethod]
        public void IfOutsidePlatformFilesIsReported()
        {
            using var tree = new FakeRepo();
            tree.Write("drivers/Link/A.cs", "class A {\n  #if DEBUG\n#endif\n}");
            tree.Write("drivers/Spi/Slice.Platform.cs", "class B {\n#if NANOFRAMEWORK\n#else\n#endif\n}");
            tree.Write("drivers/Spi/Other.Platform.cs", "class C {\n#if DEBUG\n#endif\n}");
            var problems = tree.Layout.CheckConditionalCompilation();
            string all = string.Join("\n", problems);
            Assert.AreEqual(2, problems.Count, all);
            Assert.IsTrue(all.Contains("drivers/Link/A.cs: #if outside"), all);
            Assert.IsTrue(all.Contains("Other.Platform.cs: platform file without #if NANOFRAMEWORK"), all);
        }

        private static void Expect(List<string> problems)
        {
            Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
        }

        private static string Nfproj(string compileItems, string defineConstants = "$(DefineConstants);NANOFRAMEWORK", string references = "")
        {
            return @"<?xml version=""1.0"" encoding=""utf-8""?>
<Project ToolsVersion=""Current"" DefaultTargets=""Build"" xmlns=""http://schemas.microsoft.com/developer/msbuild/2003"">
  <PropertyGroup>
    <DefineConstants>" + defineConstants + @"</DefineConstants>
  </PropertyGroup>
  <ItemGroup>" + compileItems + @"</ItemGroup>
  <ItemGroup>" + references + @"</ItemGroup>
</Project>";
        }

        /// <summary>A scratch repository under the temp folder with one firmware project globbing its folder.</summary>
        private sealed class FakeRepo : IDisposable
        {
            public FakeRepo()
            {
                Root = Path.Combine(Path.GetTempPath(), "nanoip-layout-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(Root);
                Write("nf.proj", "<Project />");
                Write("firmware/NanoIP.Firmware.nfproj", Nfproj(@"<Compile Include=""**\*.cs"" Exclude=""bin\**;obj\**"" />"));
            }

            public string Root { get; }

            public RepoLayout Layout => new RepoLayout(Root);

            public void Write(string relative, string content)
            {
                string path = Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path));
                File.WriteAllText(path, content);
            }

            public void Delete(string relative)
            {
                File.Delete(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));
            }

            public void Dispose()
            {
                try
                {
                    Directory.Delete(Root, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }
}
