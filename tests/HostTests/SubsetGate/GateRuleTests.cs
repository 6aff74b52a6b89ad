using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using nanoFramework.TestFramework;

namespace NanoIP.HostTests.SubsetGate
{
    /// <summary>
    /// One failing sample per rule (exactly that rule's id must come out) and one passing sample
    /// made of everything device code is allowed to use. Samples are compiled as the host build
    /// compiles device code, against the real API list.
    /// </summary>
    [TestClass]
    public class GateRuleTests
    {
        [TestMethod]
        public void Nf0001_GenericTypesAndCalls()
        {
            Diagnostic[] d = ExpectOnly("NF0001", @"
using System.Collections.Generic;
class A
{
    private List<int> _list = new List<int>();
    void M()
    {
        _list.Add(1);
        object empty = System.Array.Empty<int>();
        System.Action<int> action = null;
        System.Func<int> func = null;
        System.ReadOnlySpan<byte> span = default;
    }
}");
            ReportedAt(d, "List<int>", "Add", "Empty<int>", "Action<int>", "Func<int>", "ReadOnlySpan<byte>");
        }

        [TestMethod]
        public void Nf0001_GenericDeclarationsAndConstraints()
        {
            Diagnostic[] d = ExpectOnly("NF0001", @"
class G<T> where T : class
{
    void M<U>() { }
}
delegate void D<T>(T value);");
            Assert.IsTrue(d.Length >= 4, "type parameter lists, constraint and T uses: " + Show(d));
        }

        [TestMethod]
        public void Nf0001_ImplicitGenerics()
        {
            // Array.IndexOf(int[], int) binds to the generic IndexOf<T> on the host; int? is Nullable<int>;
            // an anonymous type is a generic class.
            Diagnostic[] d = ExpectOnly("NF0001", @"
class A
{
    void M()
    {
        int[] a = new int[2];
        int i = System.Array.IndexOf(a, 1);
        int? n = null;
        object o = new { X = 1 };
    }
}");
            ReportedAt(d, "IndexOf", "int?", "new");
            // A collection expression (C# 12) would need a newer LangVersion; the gate still names it.
            ReportedAt(ExpectOnly("NF0001", "class A { int[] M() { int[] a = [1, 2]; return a; } }", LanguageVersion.Latest), "[1, 2]");

            Diagnostic[] indexOf = GateHarness.Run("class A { int M(int[] a) { return System.Array.IndexOf(a, 1); } }").Gate;
            Assert.AreEqual(1, indexOf.Length, Show(indexOf));
            Assert.AreEqual("IndexOf", SpanText(indexOf[0]));
        }

        [TestMethod]
        public void Nf0002_AsyncAwait()
        {
            Diagnostic[] d = ExpectOnly("NF0002", @"
class A
{
    delegate void D();
    async void M() { await NanoIP.GateSupport.Awaitable.Instance; }
    void N() { D d = async () => { }; }
}");
            Assert.AreEqual(3, d.Length, "async modifier, await, async lambda: " + Show(d));
            ReportedAt(d, "async", "await");
        }

        [TestMethod]
        public void Nf0003_Iterators()
        {
            Diagnostic[] d = ExpectOnly("NF0003", @"
using System.Collections;
class A { IEnumerable M() { yield return 1; yield break; } }");
            Assert.AreEqual(2, d.Length, Show(d));
            ReportedAt(d, "yield return", "yield break");
        }

        [TestMethod]
        public void Nf0004_Linq()
        {
            Diagnostic[] d = ExpectOnly("NF0004", @"
using System.Linq;
class A
{
    void M()
    {
        int[] arr = new int[3];
        int n = arr.Count();
        object q = from x in arr where x > 1 select x;
    }
}");
            Assert.IsTrue(d.Any(x => SpanText(x) == "Count"), "method syntax: " + Show(d));
            Assert.IsTrue(d.Any(x => SpanText(x) == "from"), "query syntax: " + Show(d));
        }

        [TestMethod]
        public void Nf0005_Tuples()
        {
            Diagnostic[] d = ExpectOnly("NF0005", @"
class A
{
    (int, string) M()
    {
        (int, string) t = (1, ""a"");
        var (c, d) = t;
        return t;
    }
}");
            Assert.AreEqual(4, d.Length, "return type, local type, literal, deconstruction: " + Show(d));
            ReportedAt(d, "(int, string)", "(1, \"a\")", "(c, d)");
        }

        [TestMethod]
        public void Nf0006_Records()
        {
            ReportedAt(ExpectOnly("NF0006", "public record R(int A);"), "R");
            ReportedAt(ExpectOnly("NF0006", "public record struct S(int A);", LanguageVersion.Latest), "S");
        }

        [TestMethod]
        public void Nf0007_StackAlloc()
        {
            ReportedAt(ExpectOnly("NF0007", "class A { void M() { _ = stackalloc byte[4]; } }"), "stackalloc");
        }

        [TestMethod]
        public void Nf0008_Unsafe()
        {
            Diagnostic[] d = ExpectOnly("NF0008", @"
unsafe class A
{
    int f;
    delegate*<void> fp;
    void M() { int* p = null; fixed (int* q = &f) { } }
}
class B { void M() { unsafe { } } }");
            Assert.IsTrue(d.Length >= 6, Show(d));
            ReportedAt(d, "unsafe", "int*", "fixed", "&", "delegate");
        }

        [TestMethod]
        public void Nf0009_Dynamic()
        {
            ReportedAt(ExpectOnly("NF0009", "class A { void M() { dynamic d = 1; object o = d; } }"), "dynamic");
        }

        [TestMethod]
        public void Nf0010_MultiDimensionalArrays()
        {
            Diagnostic[] d = ExpectOnly("NF0010", "class A { void M() { int[,] a = new int[2, 3]; a[0, 1] = 1; int[][] jagged = new int[2][]; } }");
            Assert.AreEqual(2, d.Length, "type and creation, not the jagged array: " + Show(d));
            ReportedAt(d, "[,]", "[2, 3]");
        }

        [TestMethod]
        public void Nf0011_MembersAndTypesOutsideTheList()
        {
            Diagnostic[] d = ExpectOnly("NF0011", @"
using System;
class A
{
    void M()
    {
        System.Diagnostics.Stopwatch sw = null;
        byte[] b = new byte[4];
        Buffer.BlockCopy(b, 0, b, 0, 1);
        string s = string.Format(""{0}"", 1);
        AttributeTargets t = AttributeTargets.Class;
    }
}");
            string all = Show(d);
            Assert.IsTrue(all.Contains("T:System.Diagnostics.Stopwatch"), all);
            Assert.IsTrue(all.Contains("M:System.Buffer.BlockCopy"), all);
            Assert.IsTrue(all.Contains("M:System.String.Format(System.String,System.Object)"), "host overload the device lacks: " + all);
            Assert.IsTrue(all.Contains("T:System.AttributeTargets") && all.Contains("attribute"), "excluded type outside an attribute: " + all);
        }

        [TestMethod]
        public void Nf0011_ImplicitReferences()
        {
            // Take single members out of the real list and check the gate sees their implicit use
            // (foreach over ArrayList reaches both GetEnumerator and IDisposable.Dispose at "list").
            string list = Without(
                "M:System.Exception.#ctor",
                "M:System.Collections.ArrayList.GetEnumerator",
                "M:System.DateTime.op_Equality(System.DateTime,System.DateTime)",
                "E:System.Device.Gpio.GpioPin.ValueChanged",
                "M:System.Device.Gpio.PinValue.op_Implicit(System.Int32)~System.Device.Gpio.PinValue",
                "M:System.IDisposable.Dispose");
            var r = GateHarness.Run(new[] { ("firmware/Sample.cs", @"
using System;
using System.Collections;
using System.Device.Gpio;
class E1 : Exception { }
class E2 : Exception { public E2() { } }
class A
{
    void M(ArrayList list, DateTime a, DateTime b, GpioPin pin)
    {
        foreach (object o in list) { }
        bool same = a == b;
        pin.ValueChanged += OnPin;
        pin.Write(1);
        using (R r = new R()) { }
    }
    void OnPin(object sender, PinValueChangedEventArgs e) { }
}
sealed class R : IDisposable { public void Dispose() { } }") }, apiListText: list);
            NoCompilerErrors(r);
            Assert.AreEqual("NF0011", string.Join(",", r.Ids), r.ToString());
            string[] at = r.Gate.Select(SpanText).ToArray();
            Assert.AreEqual("E1|E2|list|list|==|ValueChanged|1|using", string.Join("|", at), r.ToString());
        }

        [TestMethod]
        public void Nf0011_InheritedMemberCountsOnTheDerivedListedType()
        {
            // The host declares Set on EventWaitHandle; nanoFramework on AutoResetEvent, which the list has.
            ExpectNone("class A { void M(System.Threading.AutoResetEvent e) { e.Set(); } }");
            string list = Without("M:System.Threading.AutoResetEvent.Set");
            var r = GateHarness.Run(new[] { ("firmware/Sample.cs", "class A { void M(System.Threading.AutoResetEvent e) { e.Set(); } }") }, apiListText: list);
            Assert.AreEqual("NF0011", string.Join(",", r.Ids), r.ToString());
        }

        [TestMethod]
        public void Nf0012_StringInterpolation()
        {
            Diagnostic[] d = ExpectOnly("NF0012", "class A { string M(int x) { return $\"a{x}\"; } }");
            Assert.AreEqual(1, d.Length, Show(d));
            ReportedAt(d, "$\"");
        }

        [TestMethod]
        public void Nf0013_ConditionalCompilationOutsidePlatformFiles()
        {
            Diagnostic[] d = ExpectOnly("NF0013", "class A {\n#if NANOFRAMEWORK\n int x;\n#elif DEBUG\n int y;\n#endif\n}");
            Assert.AreEqual(2, d.Length, "#if and #elif: " + Show(d));
            ExpectOnly("NF0013", "#define FOO\nclass A { }");
            var r = GateHarness.Run(new[] { ("drivers/Spi.Platform.cs", "class A {\n#if DEBUG\n int x;\n#endif\n}") });
            Assert.AreEqual("NF0013", string.Join(",", r.Ids), "a platform file without #if NANOFRAMEWORK: " + r);
        }

        [TestMethod]
        public void Nf0014_MissingOrEmptyApiList()
        {
            var missing = GateHarness.Run(new[] { ("firmware/Sample.cs", "class A { }") }, withApiList: false);
            Assert.AreEqual(1, missing.Gate.Length, missing.ToString());
            Assert.AreEqual("NF0014", missing.Gate[0].Id);
            Assert.IsTrue(missing.Gate[0].Severity == DiagnosticSeverity.Error);

            var empty = GateHarness.Run(new[] { ("firmware/Sample.cs", "class A { }") }, apiListText: "# assembly mscorlib\n");
            Assert.AreEqual("NF0014", string.Join(",", empty.Ids), empty.ToString());
            Assert.AreEqual(1, empty.Gate.Length);
        }

        [TestMethod]
        public void Nf0015_TheGateCannotBeSuppressed()
        {
            // #pragma cannot silence a NotConfigurable diagnostic; the attempt is an error of its own.
            var pragma = GateHarness.Run("#pragma warning disable NF0001\nclass A { System.Collections.Generic.List<int> l; }");
            NoCompilerErrors(pragma);
            Assert.AreEqual("NF0001,NF0015", string.Join(",", pragma.Ids), pragma.ToString());

            // [SuppressMessage] does hide diagnostics inside its target (here NF0001), but is reported
            // itself; its type is not on the device either (NF0011).
            var attribute = GateHarness.Run(@"
using System.Diagnostics.CodeAnalysis;
class A
{
    [SuppressMessage(""NanoFramework"", ""NF0001"")]
    void M() { System.Collections.Generic.List<int> l = null; }
}");
            NoCompilerErrors(attribute);
            Assert.AreEqual("NF0011,NF0015", string.Join(",", attribute.Ids), attribute.ToString());
            ReportedAt(attribute.Gate, "SuppressMessage(\"NanoFramework\", \"NF0001\")");

            // Other pragmas stay possible.
            ExpectNone("class A {\n#pragma warning disable CS0169\n int _unused;\n#pragma warning restore CS0169\n}");
        }

        [TestMethod]
        public void EveryDiagnosticIsAnError()
        {
            var r = GateHarness.Run("class A { async void M() { System.Collections.Generic.List<int> l = null; string s = $\"{1}\"; } }");
            Assert.IsTrue(r.Gate.Length >= 3, r.ToString());
            foreach (Diagnostic d in r.Gate)
            {
                Assert.IsTrue(d.Severity == DiagnosticSeverity.Error, d.ToString());
            }
        }

        [TestMethod]
        public void OnlyDeviceCodeIsChecked()
        {
            var host = GateHarness.Run(new[] { ("boards/VirtualBoard/X.cs", "class A { System.Collections.Generic.List<int> l; }") }, deviceCode: false);
            Assert.AreEqual(0, host.Gate.Length, host.ToString());
        }

        [TestMethod]
        public void GeneratedFilesAreSkipped()
        {
            ExpectNone("// <auto-generated/>\nclass A { System.Collections.Generic.List<int> l; }");
            var obj = GateHarness.Run(new[] { ("firmware/obj/Debug/X.cs", "class A { System.Collections.Generic.List<int> l; }") });
            Assert.AreEqual(0, obj.Gate.Length, obj.ToString());
        }

        [TestMethod]
        public void AllowedConstructsPass()
        {
            ExpectNone(@"
using System;
using System.Collections;
using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;

namespace Sample
{
    public delegate void ChangedHandler(object sender, int value);

    [Flags]
    public enum Bits : byte { None = 0, A = 1, B = 2 }

    public interface IShape { int Area { get; } }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class MarkAttribute : Attribute { }

    public struct Point : IShape
    {
        public int X;
        public int Y;
        public Point(int x, int y) { X = x; Y = y; }
        public int Area { get { return X * Y; } }
        public override string ToString() { return ""("" + X + "","" + Y + "")""; }
    }

    public class SampleException : Exception
    {
        public SampleException(string message) : base(message) { }
    }

    public sealed class Resource : IDisposable
    {
        public void Dispose() { }
    }

    public class Worker
    {
        private const int Size = 4;
        private readonly object _sync = new object();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly ArrayList _items = new ArrayList();
        private readonly byte[][] _jagged = new byte[2][];
        private Thread _thread;
        private GpioPin _pin;

        public event ChangedHandler Changed;

        public int this[int i] { get { return _jagged[i].Length; } }

        public void Start(GpioController gpio)
        {
            _pin = gpio.OpenPin(4, PinMode.Input);
            _pin.ValueChanged += OnPin;
            _thread = new Thread(Run);
            _thread.Start();
            _wake.Set();
        }

        private void OnPin(object sender, PinValueChangedEventArgs e)
        {
            if (e.ChangeType == PinEventTypes.Falling)
            {
                _wake.Set();
            }
        }

        private void Run()
        {
            lock (_sync)
            {
                _items.Add(1);
            }

            object first = _items[0];
            int count = _items.Count;
            ArrayList more = new ArrayList { 1, 2 };
            foreach (object o in _items)
            {
                ChangedHandler handler = Changed;
                if (handler != null) handler(this, (int)o);
            }

            int n = 0;
            foreach (char c in ""abc"") { n += c; }
            byte[] a = new byte[Size];
            byte[] b = new byte[Size];
            Array.Copy(a, 0, b, 0, Size);
            Array.Clear(b, 0, Size);
            _jagged[0] = a;
            _jagged[1] = new byte[] { 1, 2, 3 };
            string s = string.Format(""{0} {1}"", new object[] { n, ""x"" });
            s = s + n + 'c';
            Debug.WriteLine(s);
            using (var r = new Resource()) { }
            try { throw new SampleException(""bad""); }
            catch (SampleException e) { s = e.Message; }
            finally { n = 0; }
            Changed += OnChanged;
            Changed -= OnChanged;
            Bits bits = Bits.A | Bits.B;
            if ((bits & Bits.A) != 0) { n++; }
            long now = DateTime.UtcNow.Ticks;
            Point p = new Point(1, 2);
            IShape shape = p;
            n = shape.Area + int.MaxValue + this[0];
            switch (n) { case 1: n = 2; break; default: break; }
            ThreadStart start = delegate { n++; };
            start();
        }

        private void OnChanged(object sender, int value) { }

        [Obsolete(""use Start"")]
        [Mark]
        public void Begin() { Start(new GpioController()); }
    }
}");
        }

        [TestMethod]
        public void PlatformFileHostHalfMayUseSpans()
        {
            ExpectNone(SpiPlatform(deviceExtra: string.Empty, hostExtra: string.Empty), "drivers/Spi/SpiSlice.Platform.cs");
        }

        [TestMethod]
        public void PlatformFileDeviceHalfIsChecked()
        {
            string source = SpiPlatform(deviceExtra: "static System.Collections.Generic.List<int> _probe;", hostExtra: string.Empty);
            var r = GateHarness.Run(new[] { ("drivers/Spi/SpiSlice.Platform.cs", source) });
            Assert.AreEqual("NF0001", string.Join(",", r.Ids), r.ToString());
            Assert.AreEqual(1, r.Gate.Length, r.ToString());
            int line = r.Gate[0].Location.GetLineSpan().StartLinePosition.Line;
            Assert.AreEqual(Line(source, "_probe"), line, "reported where the device half has it");

            string interpolated = SpiPlatform(deviceExtra: "static string S(int x) { return $\"{x}\"; }", hostExtra: string.Empty);
            var i = GateHarness.Run(new[] { ("drivers/Spi/SpiSlice.Platform.cs", interpolated) });
            Assert.AreEqual("NF0012", string.Join(",", i.Ids), i.ToString());
        }

        [TestMethod]
        public void PlatformFileHostHalfStillObeysTheSyntaxRules()
        {
            string source = SpiPlatform(deviceExtra: string.Empty, hostExtra: "static string S(int x) { return $\"{x}\"; }");
            var r = GateHarness.Run(new[] { ("drivers/Spi/SpiSlice.Platform.cs", source) });
            Assert.AreEqual("NF0012", string.Join(",", r.Ids), r.ToString());
        }

        [TestMethod]
        public void IfNanoFrameworkOutsideAPlatformFileFails()
        {
            string source = SpiPlatform(deviceExtra: string.Empty, hostExtra: string.Empty);
            var r = GateHarness.Run(new[] { ("drivers/Spi/SpiSlice.cs", source) });
            Assert.IsTrue(r.Ids.Contains("NF0013"), r.ToString());
        }

        private static string SpiPlatform(string deviceExtra, string hostExtra)
        {
            return @"using System.Device.Spi;

namespace NanoIP.Drivers
{
    internal static class SpiSlice
    {
#if NANOFRAMEWORK
        " + deviceExtra + @"
        public static void Write(SpiDevice device, byte[] buffer, int start, int length)
        {
            device.Write(new SpanByte(buffer, start, length));
        }
#else
        " + hostExtra + @"
        public static void Write(SpiDevice device, byte[] buffer, int start, int length)
        {
            device.Write(new System.Span<byte>(buffer, start, length));
        }
#endif
    }
}
";
        }

        /// <summary>Each text is the span of at least one diagnostic: the error points at the construct.</summary>
        private static void ReportedAt(Diagnostic[] d, params string[] texts)
        {
            string[] spans = d.Select(SpanText).ToArray();
            foreach (string text in texts)
            {
                Assert.IsTrue(spans.Contains(text), "expected a diagnostic at '" + text + "': " + Show(d));
            }
        }

        private static Diagnostic[] ExpectOnly(string id, string source, LanguageVersion languageVersion = LanguageVersion.CSharp9)
        {
            GateHarness.Result r = GateHarness.Run(source, languageVersion: languageVersion);
            NoCompilerErrors(r);
            Assert.AreEqual(id, string.Join(",", r.Ids), r.ToString());
            return r.Gate;
        }

        private static void ExpectNone(string source, string path = "firmware/Sample.cs")
        {
            GateHarness.Result r = GateHarness.Run(source, path);
            NoCompilerErrors(r);
            Assert.AreEqual(0, r.Gate.Length, r.ToString());
        }

        private static void NoCompilerErrors(GateHarness.Result r)
        {
            Assert.AreEqual(0, r.AnalyzerExceptions.Length, r.ToString());
            Assert.AreEqual(0, r.CompilerErrors.Length, "the sample itself must compile: " + r);
        }

        private static string Without(params string[] ids)
        {
            var drop = new HashSet<string>(ids, StringComparer.Ordinal);
            string[] lines = GateHarness.ApiListText.Split('\n');
            foreach (string id in ids)
            {
                Assert.IsTrue(lines.Any(l => l.Trim() == id), "the real list has " + id);
            }

            return string.Join("\n", lines.Where(l => !drop.Contains(l.Trim())));
        }

        private static string SpanText(Diagnostic d)
        {
            return d.Location.SourceTree.GetText().ToString(d.Location.SourceSpan);
        }

        private static int Line(string source, string marker)
        {
            return source.Substring(0, source.IndexOf(marker, StringComparison.Ordinal)).Count(c => c == '\n');
        }

        private static string Show(Diagnostic[] d)
        {
            return string.Join(Environment.NewLine, d.Select(x => x.ToString()));
        }
    }
}
