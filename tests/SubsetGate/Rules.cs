using Microsoft.CodeAnalysis;

namespace NanoIP.SubsetGate
{
    /// <summary>
    /// The gate's diagnostics. Ids are stable: README, tests and suppressions name them.
    /// Every one is an error: device code that breaks the subset must not build.
    /// </summary>
    public static class Rules
    {
        private const string Category = "NanoFramework";
        private const string Help = "tests/SubsetGate/README.md";

        public static readonly DiagnosticDescriptor Generics = Make(
            "NF0001", "Generic type or method",
            "Generics are not available on nanoFramework (CoreLibrary 1.x): {0}",
            "nanoFramework's CoreLibrary 1.x has no generics and its metadata processor refuses assemblies that contain them.");

        public static readonly DiagnosticDescriptor Async = Make(
            "NF0002", "async/await",
            "async/await is not available on nanoFramework: {0}",
            "nanoFramework has no Task, no async method builders and no awaiters.");

        public static readonly DiagnosticDescriptor Iterators = Make(
            "NF0003", "Iterator",
            "Iterators (yield) are not available on nanoFramework: {0}",
            "Iterator state machines implement IEnumerable<T>/IEnumerator<T>, which need generics.");

        public static readonly DiagnosticDescriptor Linq = Make(
            "NF0004", "LINQ",
            "LINQ is not available on nanoFramework: {0}",
            "System.Linq is generic throughout and has no nanoFramework build.");

        public static readonly DiagnosticDescriptor Tuples = Make(
            "NF0005", "Tuple",
            "Tuples are not available on nanoFramework: {0}",
            "Tuples are System.ValueTuple<...>, a generic type nanoFramework does not have.");

        public static readonly DiagnosticDescriptor Records = Make(
            "NF0006", "Record",
            "Records are not available on nanoFramework: {0}",
            "Records synthesize members that use IEquatable<T>, EqualityComparer<T> and StringBuilder.");

        public static readonly DiagnosticDescriptor StackAlloc = Make(
            "NF0007", "stackalloc",
            "stackalloc is not available on nanoFramework: {0}",
            "stackalloc needs Span<T> or pointers; nanoCLR has neither.");

        public static readonly DiagnosticDescriptor Unsafe = Make(
            "NF0008", "Unsafe code",
            "Unsafe code is not available on nanoFramework: {0}",
            "nanoCLR is an IL interpreter without pointer or function-pointer support.");

        public static readonly DiagnosticDescriptor Dynamic = Make(
            "NF0009", "dynamic",
            "dynamic is not available on nanoFramework: {0}",
            "dynamic needs the C# runtime binder (Microsoft.CSharp), which nanoFramework does not ship.");

        public static readonly DiagnosticDescriptor MultiDimArrays = Make(
            "NF0010", "Multi-dimensional array",
            "Multi-dimensional arrays are not available on nanoFramework (use jagged arrays): {0}",
            "nanoCLR supports only single-dimensional zero-based arrays; jagged arrays are arrays of arrays and work.");

        public static readonly DiagnosticDescriptor NotInApi = Make(
            "NF0011", "API not in nanoFramework",
            "'{0}' is not in nanoFramework's API list (shared/facts/nanoframework-api.txt){1}",
            "Device code may use a BCL or nanoFramework member only if nanoFramework ships it; the list is read from nanoFramework's sources.");

        public static readonly DiagnosticDescriptor Interpolation = Make(
            "NF0012", "String interpolation",
            "String interpolation is not allowed in device code: {0}; use string.Format(format, new object[] {{ ... }}) or concatenation",
            "On the host $\"...\" binds to DefaultInterpolatedStringHandler and its generic AppendFormatted<T>, so host and device would compile different code.");

        public static readonly DiagnosticDescriptor ConditionalCompilation = Make(
            "NF0013", "Conditional compilation outside a platform file",
            "{0}",
            "Host and device differ only in files named *.Platform.cs, each with one #if NANOFRAMEWORK; everywhere else both targets compile the same text.");

        public static readonly DiagnosticDescriptor Suppression = Make(
            "NF0015", "Gate suppressed",
            "Device code must not suppress the subset gate: {0}",
            "A [SuppressMessage] or #pragma warning disable aimed at the gate would let code the device cannot run through the host build.");

        public static readonly DiagnosticDescriptor ApiListMissing = new DiagnosticDescriptor(
            "NF0014", "nanoFramework API list missing",
            "The subset gate has no API list: {0}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "The gate needs nanoframework-api.txt as an AdditionalFile; without it rule NF0011 cannot run, and the gate never passes silently.",
            helpLinkUri: null,
            customTags: new[] { WellKnownDiagnosticTags.CompilationEnd, WellKnownDiagnosticTags.NotConfigurable });

        private static DiagnosticDescriptor Make(string id, string title, string message, string description)
        {
            // NotConfigurable: neither NoWarn, .editorconfig severities nor #pragma can switch the gate off.
            return new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error,
                isEnabledByDefault: true, description: description + " See " + Help + ".",
                helpLinkUri: null, customTags: WellKnownDiagnosticTags.NotConfigurable);
        }
    }
}
