using System;
using Microsoft.CodeAnalysis;

namespace NanoIP.SubsetGate
{
    /// <summary>A rule broken by one referenced symbol, with the words for the message.</summary>
    internal struct Verdict
    {
        public DiagnosticDescriptor Rule;
        public object[] Args;

        public bool IsOk => Rule == null;

        public static Verdict Ok => default;

        public static Verdict Of(DiagnosticDescriptor rule, params object[] args)
        {
            return new Verdict { Rule = rule, Args = args };
        }
    }

    /// <summary>
    /// Judges one referenced type or member: generic (NF0001), LINQ (NF0004), tuple (NF0005),
    /// pointer (NF0008), dynamic (NF0009), multi-dimensional array (NF0010), or outside the
    /// API list (NF0011). One reference earns at most one verdict, the most specific.
    /// </summary>
    internal sealed class SymbolRules
    {
        private readonly Compilation _compilation;
        private readonly ApiList _api;

        public SymbolRules(Compilation compilation, ApiList api)
        {
            _compilation = compilation;
            _api = api;
        }

        /// <summary>Own code: this compilation, or any NanoIP.* assembly it references.</summary>
        public bool IsOwn(ISymbol symbol)
        {
            IAssemblySymbol assembly = symbol.ContainingAssembly;
            if (assembly == null)
            {
                return false;
            }

            return SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly)
                || assembly.Name.StartsWith("NanoIP.", StringComparison.Ordinal);
        }

        public Verdict CheckType(ITypeSymbol type, bool inAttribute)
        {
            if (type == null)
            {
                return Verdict.Ok;
            }

            switch (type.TypeKind)
            {
                case TypeKind.Error:
                    return Verdict.Ok; // the compiler reports it
                case TypeKind.Dynamic:
                    return Verdict.Of(Rules.Dynamic, "dynamic");
                case TypeKind.Pointer:
                case TypeKind.FunctionPointer:
                    return Verdict.Of(Rules.Unsafe, "pointer type " + type.ToDisplayString());
                case TypeKind.TypeParameter:
                    return Verdict.Of(Rules.Generics, "type parameter " + type.Name);
                case TypeKind.Array:
                    var array = (IArrayTypeSymbol)type;
                    if (array.Rank > 1)
                    {
                        return Verdict.Of(Rules.MultiDimArrays, type.ToDisplayString());
                    }

                    return CheckType(array.ElementType, inAttribute);
            }

            if (!(type is INamedTypeSymbol named))
            {
                return Verdict.Ok;
            }

            if (named.IsTupleType)
            {
                return Verdict.Of(Rules.Tuples, named.ToDisplayString());
            }

            if (named.IsAnonymousType)
            {
                return Verdict.Of(Rules.Generics, "anonymous type (compiles to a generic class)");
            }

            if (IsLinq(named))
            {
                return Verdict.Of(Rules.Linq, named.ToDisplayString());
            }

            if (IsGenericOrNestedInGeneric(named))
            {
                return Verdict.Of(Rules.Generics, named.ToDisplayString());
            }

            if (IsOwn(named))
            {
                return Verdict.Ok;
            }

            return CheckListed(named.OriginalDefinition, named, inAttribute);
        }

        /// <param name="receiverType">
        /// The static type the member was reached through, if any. The host's BCL often declares a
        /// member on a base class (EventWaitHandle.Set) that nanoFramework declares on the derived
        /// one (AutoResetEvent.Set); the device would bind to the derived one, so it counts too.
        /// </param>
        public Verdict CheckMember(ISymbol member, bool inAttribute, ITypeSymbol receiverType = null)
        {
            if (member == null)
            {
                return Verdict.Ok;
            }

            if (member is IMethodSymbol method)
            {
                method = method.ReducedFrom ?? method;
                member = method;
                if (method.MethodKind == MethodKind.LocalFunction || method.MethodKind == MethodKind.AnonymousFunction)
                {
                    return method.IsGenericMethod ? Verdict.Of(Rules.Generics, "generic local function " + method.Name) : Verdict.Ok;
                }

                if (method.IsGenericMethod)
                {
                    return IsLinq(method.ContainingType)
                        ? Verdict.Of(Rules.Linq, Display(method))
                        : Verdict.Of(Rules.Generics, "generic method " + Display(method));
                }
            }

            INamedTypeSymbol container = member.ContainingType;
            if (container != null)
            {
                if (container.IsTupleType)
                {
                    return Verdict.Of(Rules.Tuples, Display(member));
                }

                if (IsLinq(container))
                {
                    return Verdict.Of(Rules.Linq, Display(member));
                }

                if (IsGenericOrNestedInGeneric(container) || container.IsAnonymousType)
                {
                    return Verdict.Of(Rules.Generics, "member of generic type " + Display(member));
                }
            }

            if (IsOwn(member))
            {
                return Verdict.Ok;
            }

            // A delegate's Invoke is the runtime's: allowed wherever the delegate type is.
            if (member is IMethodSymbol invoke && invoke.MethodKind == MethodKind.DelegateInvoke)
            {
                return CheckType(container, inAttribute);
            }

            ISymbol original = member.OriginalDefinition;
            string id = original.GetDocumentationCommentId();
            if (_api.IsAllowed(id) || ListedOnReceiver(original, id, receiverType))
            {
                return Verdict.Ok;
            }

            // A property is listed as P: and as its accessors; either will do.
            if (original is IPropertySymbol property)
            {
                if ((property.GetMethod != null && _api.IsAllowed(property.GetMethod.GetDocumentationCommentId()))
                    || (property.SetMethod != null && _api.IsAllowed(property.SetMethod.GetDocumentationCommentId())))
                {
                    return Verdict.Ok;
                }
            }

            if (container != null && _api.IsExcludedType(container.OriginalDefinition.GetDocumentationCommentId()))
            {
                return inAttribute
                    ? Verdict.Ok
                    : Verdict.Of(Rules.NotInApi, id ?? member.ToDisplayString(), ": its type is stripped from the device image (attributes only)");
            }

            return Verdict.Of(Rules.NotInApi, id ?? member.ToDisplayString(), string.Empty);
        }

        private bool ListedOnReceiver(ISymbol original, string id, ITypeSymbol receiverType)
        {
            INamedTypeSymbol declaring = original.ContainingType;
            string declaringId = declaring?.OriginalDefinition.GetDocumentationCommentId();
            if (id == null || declaringId == null || !(receiverType is INamedTypeSymbol) || original.IsStatic)
            {
                return false;
            }

            // "M:System.Threading.EventWaitHandle.Set" -> "M:System.Threading.AutoResetEvent.Set"
            string tail = id.Substring(2 + (declaringId.Length - 2));
            for (INamedTypeSymbol t = (INamedTypeSymbol)receiverType; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, declaring.OriginalDefinition))
                {
                    return false;
                }

                string typeId = t.OriginalDefinition.GetDocumentationCommentId();
                if (typeId != null && _api.IsAllowed(id.Substring(0, 2) + typeId.Substring(2) + tail))
                {
                    return true;
                }
            }

            return false;
        }

        private Verdict CheckListed(INamedTypeSymbol original, INamedTypeSymbol shown, bool inAttribute)
        {
            string id = original.GetDocumentationCommentId();
            if (_api.IsAllowed(id))
            {
                return Verdict.Ok;
            }

            if (_api.IsExcludedType(id))
            {
                return inAttribute
                    ? Verdict.Ok
                    : Verdict.Of(Rules.NotInApi, id, ": stripped from the device image, usable only as an attribute");
            }

            // A nested type of an excluded type (rare) follows its container.
            return Verdict.Of(Rules.NotInApi, id ?? shown.ToDisplayString(), string.Empty);
        }

        private static bool IsGenericOrNestedInGeneric(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol t = type; t != null; t = t.ContainingType)
            {
                if (t.IsGenericType)
                {
                    return true;
                }
            }

            return false;
        }

        public static bool IsLinq(INamedTypeSymbol type)
        {
            if (type == null)
            {
                return false;
            }

            for (INamespaceSymbol ns = type.ContainingNamespace; ns != null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
            {
                if (ns.Name == "Linq" && ns.ContainingNamespace != null && ns.ContainingNamespace.Name == "System"
                    && ns.ContainingNamespace.ContainingNamespace != null && ns.ContainingNamespace.ContainingNamespace.IsGlobalNamespace)
                {
                    return true;
                }
            }

            return false;
        }

        private static string Display(ISymbol symbol)
        {
            return symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        }
    }
}
