using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace NanoIP.SubsetGate
{
    /// <summary>
    /// The nanoFramework subset gate: turns every construct and API the device cannot compile
    /// or run into a build error of the host build (rules in README.md beside this file).
    /// Runs only where the build property NanoIPDeviceCode is true (Directory.Device.props).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SubsetGateAnalyzer : DiagnosticAnalyzer
    {
        public const string DeviceCodeProperty = "build_property.NanoIPDeviceCode";
        public const string PlatformFileSuffix = ".Platform.cs";
        public const string DeviceSymbol = "NANOFRAMEWORK";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Rules.Generics, Rules.Async, Rules.Iterators, Rules.Linq, Rules.Tuples, Rules.Records, Rules.StackAlloc,
            Rules.Unsafe, Rules.Dynamic, Rules.MultiDimArrays, Rules.NotInApi, Rules.Interpolation,
            Rules.ConditionalCompilation, Rules.ApiListMissing, Rules.Suppression);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(Start);
        }

        private static void Start(CompilationStartAnalysisContext context)
        {
            if (!IsDeviceCode(context.Options))
            {
                return;
            }

            ApiList api = ApiList.Find(context.Options.AdditionalFiles, context.CancellationToken, out string problem);
            if (api == null)
            {
                // Never pass silently: one error for the whole compilation.
                context.RegisterCompilationEndAction(end =>
                    end.ReportDiagnostic(Diagnostic.Create(Rules.ApiListMissing, Location.None, problem)));
            }

            var gate = new Gate(context.Compilation, api);
            context.RegisterSyntaxTreeAction(gate.AnalyzeTree);
            context.RegisterSyntaxNodeAction(gate.AnalyzeTypeName,
                SyntaxKind.IdentifierName, SyntaxKind.GenericName, SyntaxKind.PredefinedType, SyntaxKind.NullableType);
            context.RegisterOperationAction(gate.AnalyzeOperation,
                OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.PropertyReference,
                OperationKind.FieldReference, OperationKind.EventReference, OperationKind.MethodReference,
                OperationKind.Conversion, OperationKind.Unary, OperationKind.Binary, OperationKind.CompoundAssignment,
                OperationKind.Increment, OperationKind.Decrement, OperationKind.Loop, OperationKind.Using,
                OperationKind.UsingDeclaration, OperationKind.DelegateCreation, OperationKind.Range,
                OperationKind.ConstructorBody);
            context.RegisterSymbolAction(gate.AnalyzeNamedType, SymbolKind.NamedType);
        }

        internal static bool IsDeviceCode(AnalyzerOptions options)
        {
            return options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(DeviceCodeProperty, out string value)
                && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        }

        internal static bool IsPlatformFile(SyntaxTree tree)
        {
            return tree.FilePath != null && tree.FilePath.EndsWith(PlatformFileSuffix, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Generated files the generated-code detection might miss (obj/ holds only build output).</summary>
        internal static bool IsBuildOutput(SyntaxTree tree)
        {
            string path = tree.FilePath;
            if (string.IsNullOrEmpty(path))
            {
                return false;
            }

            string normalized = path.Replace('\\', '/');
            return normalized.Contains("/obj/") || normalized.StartsWith("obj/", StringComparison.Ordinal);
        }

        /// <summary>Per-compilation state: read-only after construction, so safe under concurrency.</summary>
        private sealed class Gate
        {
            private readonly SymbolRules _symbols;
            private readonly IMethodSymbol _disposableDispose;

            public Gate(Compilation compilation, ApiList api)
            {
                _symbols = api == null ? null : new SymbolRules(compilation, api);
                _disposableDispose = compilation.GetSpecialType(SpecialType.System_IDisposable)
                    .GetMembers("Dispose").OfType<IMethodSymbol>().FirstOrDefault();
                Linq = new SymbolRules(compilation, ApiList.Parse(string.Empty));
            }

            // Used for LINQ detection in platform files and when the list is missing.
            private SymbolRules Linq { get; }

            // ---- syntax: rules 1-10, 12, 13 and the device half of platform files ----

            public void AnalyzeTree(SyntaxTreeAnalysisContext context)
            {
                SyntaxTree tree = context.Tree;
                if (IsBuildOutput(tree))
                {
                    return;
                }

                SyntaxNode root = tree.GetRoot(context.CancellationToken);
                bool platform = IsPlatformFile(tree);
                SyntaxRules.Walk(root, checkGenerics: !platform, (rule, span, what) =>
                    context.ReportDiagnostic(Diagnostic.Create(rule, Location.Create(tree, span), what)));

                CheckDirectives(context, root, platform);
                if (platform)
                {
                    AnalyzeDeviceHalf(context, root);
                }
            }

            private static void CheckDirectives(SyntaxTreeAnalysisContext context, SyntaxNode root, bool platform)
            {
                bool hasDeviceIf = false;
                foreach (SyntaxTrivia trivia in root.DescendantTrivia(descendIntoTrivia: false))
                {
                    if (!trivia.IsDirective)
                    {
                        continue;
                    }

                    switch (trivia.GetStructure())
                    {
                        case IfDirectiveTriviaSyntax ifDirective:
                            if (ifDirective.Condition is IdentifierNameSyntax id && id.Identifier.ValueText == DeviceSymbol)
                            {
                                hasDeviceIf = true;
                            }

                            if (!platform)
                            {
                                Report(context, ifDirective, "#if outside a *.Platform.cs file");
                            }

                            break;
                        case ElifDirectiveTriviaSyntax elif when !platform:
                            Report(context, elif, "#elif outside a *.Platform.cs file");
                            break;
                        case DefineDirectiveTriviaSyntax define:
                            Report(context, define, "#define would change what the targets compile");
                            break;
                        case UndefDirectiveTriviaSyntax undef:
                            Report(context, undef, "#undef would change what the targets compile");
                            break;
                        case PragmaWarningDirectiveTriviaSyntax pragma when pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword) && TargetsGate(pragma):
                            context.ReportDiagnostic(Diagnostic.Create(Rules.Suppression, pragma.GetLocation(), Shorten(pragma.ToString())));
                            break;
                    }
                }

                if (platform && !hasDeviceIf)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Rules.ConditionalCompilation,
                        Location.Create(context.Tree, new TextSpan(0, 0)),
                        "a *.Platform.cs file must contain #if " + DeviceSymbol + " (its device half)"));
                }
            }

            /// <summary>A bare "#pragma warning disable" or one naming an NF id.</summary>
            private static bool TargetsGate(PragmaWarningDirectiveTriviaSyntax pragma)
            {
                if (pragma.ErrorCodes.Count == 0)
                {
                    return true;
                }

                foreach (ExpressionSyntax code in pragma.ErrorCodes)
                {
                    if (code.ToString().Trim().StartsWith("NF", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static string Shorten(string text) => SyntaxRules.Shorten(text.Trim());

            private static void Report(SyntaxTreeAnalysisContext context, DirectiveTriviaSyntax directive, string message)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rules.ConditionalCompilation, directive.GetLocation(), message));
            }

            /// <summary>
            /// The NANOFRAMEWORK half of a platform file is disabled text in the host build. Parse the
            /// same text as the device does and apply the syntax rules to what only the device sees.
            /// </summary>
            private static void AnalyzeDeviceHalf(SyntaxTreeAnalysisContext context, SyntaxNode hostRoot)
            {
                var disabled = new List<TextSpan>();
                foreach (SyntaxTrivia trivia in hostRoot.DescendantTrivia(descendIntoTrivia: true))
                {
                    if (trivia.IsKind(SyntaxKind.DisabledTextTrivia))
                    {
                        disabled.Add(trivia.Span);
                    }
                }

                if (disabled.Count == 0)
                {
                    return;
                }

                SyntaxTree tree = context.Tree;
                var options = (CSharpParseOptions)tree.Options;
                var symbols = new List<string> { DeviceSymbol };
                foreach (string s in options.PreprocessorSymbolNames)
                {
                    if (s == "DEBUG" || s == "TRACE")
                    {
                        symbols.Add(s);
                    }
                }

                SourceText text = tree.GetText(context.CancellationToken);
                SyntaxTree device = CSharpSyntaxTree.ParseText(text, options.WithPreprocessorSymbols(symbols), tree.FilePath, context.CancellationToken);
                SyntaxRules.Walk(device.GetRoot(context.CancellationToken), checkGenerics: true, (rule, span, what) =>
                {
                    if (InAny(disabled, span.Start))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(rule, Location.Create(tree, span), what + " (device half)"));
                    }
                });
            }

            private static bool InAny(List<TextSpan> spans, int position)
            {
                foreach (TextSpan s in spans)
                {
                    if (s.Contains(position))
                    {
                        return true;
                    }
                }

                return false;
            }

            // ---- names of types: declarations, casts, typeof, base lists, attributes, var ----

            public void AnalyzeTypeName(SyntaxNodeAnalysisContext context)
            {
                SyntaxNode node = context.Node;
                SyntaxTree tree = node.SyntaxTree;
                if (IsBuildOutput(tree))
                {
                    return;
                }

                bool platform = IsPlatformFile(tree);
                SymbolRules rules = platform || _symbols == null ? Linq : _symbols;

                // nameof(X) is a compile-time string: nothing reaches the device.
                if (InsideNameof(node))
                {
                    return;
                }

                bool inAttribute = node.FirstAncestorOrSelf<AttributeSyntax>() != null;
                ITypeSymbol type;
                if (node is NullableTypeSyntax nullable)
                {
                    if (nullable.ElementType is PredefinedTypeSyntax)
                    {
                        return; // the syntax rule reports int?, byte?...
                    }

                    type = context.SemanticModel.GetTypeInfo(nullable, context.CancellationToken).Type;
                    if (type == null || type.IsReferenceType)
                    {
                        return; // string? is only an annotation
                    }
                }
                else
                {
                    SymbolInfo info = context.SemanticModel.GetSymbolInfo(node, context.CancellationToken);
                    ISymbol symbol = info.Symbol;
                    if (symbol is IMethodSymbol ctor && ctor.MethodKind == MethodKind.Constructor && IsAttributeName(node))
                    {
                        symbol = ctor.ContainingType; // [Foo] names the type; its constructor is an operation
                    }

                    type = symbol as ITypeSymbol;
                    if (type == null)
                    {
                        return;
                    }

                    if (node is IdentifierNameSyntax id && id.IsVar && VarNamedElsewhere(id))
                    {
                        return;
                    }
                }

                Verdict verdict = rules.CheckType(type, inAttribute);
                if (verdict.IsOk || (platform || _symbols == null) && verdict.Rule != Rules.Linq)
                {
                    return;
                }

                // The syntax rules already name these nodes.
                if (verdict.Rule == Rules.Generics && node is GenericNameSyntax)
                {
                    return;
                }

                if (verdict.Rule == Rules.Dynamic && node is IdentifierNameSyntax dyn && dyn.Identifier.ValueText == "dynamic")
                {
                    return;
                }

                context.ReportDiagnostic(Diagnostic.Create(verdict.Rule, node.GetLocation(), verdict.Args));
            }

            private static bool IsAttributeName(SyntaxNode node)
            {
                SyntaxNode n = node;
                while (n.Parent is QualifiedNameSyntax || n.Parent is AliasQualifiedNameSyntax)
                {
                    n = n.Parent;
                }

                return n.Parent is AttributeSyntax attribute && attribute.Name == n;
            }

            private static bool InsideNameof(SyntaxNode node)
            {
                foreach (InvocationExpressionSyntax call in node.Ancestors().OfType<InvocationExpressionSyntax>())
                {
                    if (call.Expression is IdentifierNameSyntax name && name.Identifier.ValueText == "nameof")
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// var takes its type from the initializer. When the initializer spells the type out or
            /// is itself a construct the syntax rules report, var adds nothing new.
            /// </summary>
            private static bool VarNamedElsewhere(IdentifierNameSyntax var)
            {
                ExpressionSyntax value = null;
                switch (var.Parent)
                {
                    case VariableDeclarationSyntax declaration when declaration.Variables.Count > 0:
                        value = declaration.Variables[0].Initializer?.Value;
                        break;
                    case DeclarationExpressionSyntax _:
                        return true; // var (a, b) = ...: a deconstruction, reported as NF0005
                    default:
                        return false;
                }

                while (value is ParenthesizedExpressionSyntax p)
                {
                    value = p.Expression;
                }

                switch (value)
                {
                    case ObjectCreationExpressionSyntax _:
                    case ArrayCreationExpressionSyntax _:
                    case ImplicitArrayCreationExpressionSyntax _:
                    case StackAllocArrayCreationExpressionSyntax _:
                    case ImplicitStackAllocArrayCreationExpressionSyntax _:
                    case TupleExpressionSyntax _:
                    case QueryExpressionSyntax _:
                    case AnonymousObjectCreationExpressionSyntax _:
                    case CastExpressionSyntax _:
                        return true;
                    default:
                        return false;
                }
            }

            // ---- members and implicit references: the IOperation tree ----

            public void AnalyzeOperation(OperationAnalysisContext context)
            {
                IOperation operation = context.Operation;
                SyntaxTree tree = operation.Syntax.SyntaxTree;
                if (IsBuildOutput(tree))
                {
                    return;
                }

                bool platform = IsPlatformFile(tree);
                SymbolRules rules = platform || _symbols == null ? Linq : _symbols;
                bool linqOnly = platform || _symbols == null;
                bool inAttribute = operation.Syntax.FirstAncestorOrSelf<AttributeSyntax>() != null;

                // Query clauses bind to System.Linq calls with Func<> lambdas: NF0004 covers them.
                bool implicitInQuery = operation.IsImplicit && operation.Syntax.FirstAncestorOrSelf<QueryExpressionSyntax>() != null;

                switch (operation)
                {
                    case IInvocationOperation invocation when invocation.IsImplicit && invocation.Syntax is ConstructorDeclarationSyntax:
                        break; // the implicit ": base()" of a written constructor: see ConstructorBody
                    case IInvocationOperation invocation:
                        Member(context, rules, linqOnly, invocation.TargetMethod, NameOf(invocation.Syntax), inAttribute, invocation.Instance?.Type);
                        break;
                    case IObjectCreationOperation creation:
                        // The type is judged where it is named; its constructor only if the type is fine.
                        if (creation.Constructor != null && rules.CheckType(creation.Type, inAttribute).IsOk)
                        {
                            Member(context, rules, linqOnly, creation.Constructor, NameOf(creation.Syntax), inAttribute);
                        }

                        break;
                    case IPropertyReferenceOperation property:
                        Member(context, rules, linqOnly, property.Property, NameOf(property.Syntax), inAttribute, property.Instance?.Type);
                        break;
                    case IFieldReferenceOperation field:
                        Member(context, rules, linqOnly, field.Field, NameOf(field.Syntax), inAttribute, field.Instance?.Type);
                        break;
                    case IEventReferenceOperation evt:
                        Member(context, rules, linqOnly, evt.Event, NameOf(evt.Syntax), inAttribute, evt.Instance?.Type);
                        break;
                    case IMethodReferenceOperation method:
                        Member(context, rules, linqOnly, method.Method, NameOf(method.Syntax), inAttribute);
                        break;
                    case IConversionOperation conversion when conversion.OperatorMethod != null && !implicitInQuery:
                        Member(context, rules, linqOnly, conversion.OperatorMethod, conversion.Syntax, inAttribute);
                        break;
                    case IUnaryOperation unary when unary.OperatorMethod != null:
                        Member(context, rules, linqOnly, unary.OperatorMethod, unary.Syntax, inAttribute);
                        break;
                    case IBinaryOperation binary when binary.OperatorMethod != null:
                        Member(context, rules, linqOnly, binary.OperatorMethod, OperatorToken(binary.Syntax), inAttribute);
                        break;
                    case ICompoundAssignmentOperation compound when compound.OperatorMethod != null:
                        Member(context, rules, linqOnly, compound.OperatorMethod, OperatorToken(compound.Syntax), inAttribute);
                        break;
                    case IIncrementOrDecrementOperation step when step.OperatorMethod != null:
                        Member(context, rules, linqOnly, step.OperatorMethod, step.Syntax, inAttribute);
                        break;
                    case IForEachLoopOperation forEach:
                        ForEach(context, rules, linqOnly, forEach, inAttribute);
                        break;
                    case IUsingOperation use:
                        Member(context, rules, linqOnly, _disposableDispose, KeywordOf(use.Syntax), inAttribute);
                        break;
                    case IUsingDeclarationOperation useDeclaration:
                        Member(context, rules, linqOnly, _disposableDispose, KeywordOf(useDeclaration.Syntax), inAttribute);
                        break;
                    case IDelegateCreationOperation del when del.IsImplicit && !implicitInQuery && !ArgumentOfLinq(del):
                        // A lambda or method group converted to a delegate type nobody named.
                        TypeAt(context, rules, linqOnly, del.Type, del.Syntax, inAttribute);
                        break;
                    case IRangeOperation range:
                        TypeAt(context, rules, linqOnly, range.Type, range.Syntax, inAttribute);
                        break;
                    case IConstructorBodyOperation body:
                        ImplicitBaseConstructor(context, rules, linqOnly, body);
                        break;
                }
            }

            /// <summary>A constructor without ": base(...)" still calls its base's parameterless one.</summary>
            private void ImplicitBaseConstructor(OperationAnalysisContext context, SymbolRules rules, bool linqOnly, IConstructorBodyOperation body)
            {
                if (!(context.ContainingSymbol is IMethodSymbol ctor) || ctor.IsStatic || ctor.ContainingType.TypeKind != TypeKind.Class)
                {
                    return;
                }

                if (!(body.Syntax is ConstructorDeclarationSyntax declaration) || declaration.Initializer != null)
                {
                    return; // an explicit ": base(...)" or ": this(...)" is an invocation of its own
                }

                // The compiler adds the call as an implicit invocation (kept out of operation actions).
                IMethodSymbol baseCtor = null;
                if (body.Initializer != null)
                {
                    foreach (IOperation op in body.Initializer.DescendantsAndSelf())
                    {
                        if (op is IInvocationOperation call && call.TargetMethod.MethodKind == MethodKind.Constructor)
                        {
                            baseCtor = call.TargetMethod;
                            break;
                        }
                    }
                }
                else
                {
                    baseCtor = ParameterlessConstructor(ctor.ContainingType.BaseType);
                }

                if (baseCtor != null)
                {
                    Member(context, rules, linqOnly, baseCtor, declaration.Identifier, inAttribute: false);
                }
            }

            private static IMethodSymbol ParameterlessConstructor(INamedTypeSymbol type)
            {
                if (type == null)
                {
                    return null;
                }

                foreach (IMethodSymbol c in type.InstanceConstructors)
                {
                    if (c.Parameters.Length == 0)
                    {
                        return c;
                    }
                }

                foreach (IMethodSymbol c in type.InstanceConstructors)
                {
                    if (c.Parameters.All(p => p.IsOptional || p.IsParams))
                    {
                        return c;
                    }
                }

                return null;
            }

            private static bool ArgumentOfLinq(IOperation operation)
            {
                for (IOperation p = operation.Parent; p != null; p = p.Parent)
                {
                    if (p is IInvocationOperation call)
                    {
                        return SymbolRules.IsLinq(call.TargetMethod.ContainingType);
                    }

                    if (!(p is IArgumentOperation) && !(p is IConversionOperation))
                    {
                        return false;
                    }
                }

                return false;
            }

            private void ForEach(OperationAnalysisContext context, SymbolRules rules, bool linqOnly, IForEachLoopOperation loop, bool inAttribute)
            {
                // Arrays are lowered to an index loop: no enumerator is involved.
                ITypeSymbol collectionType = loop.Collection is IConversionOperation c && c.IsImplicit ? c.Operand.Type : loop.Collection.Type;
                if (collectionType == null || collectionType.TypeKind == TypeKind.Array || !(loop.Syntax is CommonForEachStatementSyntax syntax))
                {
                    return;
                }

                ForEachStatementInfo info = loop.SemanticModel.GetForEachStatementInfo(syntax);
                Location where = syntax.Expression.GetLocation();
                if (collectionType.SpecialType == SpecialType.System_String)
                {
                    // Lowered to Length and the indexer.
                    foreach (ISymbol member in collectionType.GetMembers())
                    {
                        if (member is IPropertySymbol p && (p.Name == "Length" || p.IsIndexer))
                        {
                            Member(context, rules, linqOnly, p, where, inAttribute);
                        }
                    }

                    return;
                }

                Member(context, rules, linqOnly, info.GetEnumeratorMethod, where, inAttribute);
                Member(context, rules, linqOnly, info.MoveNextMethod, where, inAttribute);
                Member(context, rules, linqOnly, info.CurrentProperty, where, inAttribute);
                Member(context, rules, linqOnly, info.DisposeMethod, where, inAttribute);
            }

            private static void Member(OperationAnalysisContext context, SymbolRules rules, bool linqOnly, ISymbol member, SyntaxNodeOrToken where, bool inAttribute, ITypeSymbol receiverType = null)
            {
                Member(context, rules, linqOnly, member, where.GetLocation(), inAttribute, where.AsNode(), receiverType);
            }

            private static void Member(OperationAnalysisContext context, SymbolRules rules, bool linqOnly, ISymbol member, Location where, bool inAttribute, SyntaxNode node = null, ITypeSymbol receiverType = null)
            {
                if (member == null)
                {
                    return;
                }

                Verdict verdict = rules.CheckMember(member, inAttribute, receiverType);
                if (verdict.IsOk || linqOnly && verdict.Rule != Rules.Linq)
                {
                    return;
                }

                // Explicit type arguments (M<int>()) are reported by the syntax rules.
                if (verdict.Rule == Rules.Generics && node is GenericNameSyntax)
                {
                    return;
                }

                context.ReportDiagnostic(Diagnostic.Create(verdict.Rule, where, verdict.Args));
            }

            private static void TypeAt(OperationAnalysisContext context, SymbolRules rules, bool linqOnly, ITypeSymbol type, SyntaxNode where, bool inAttribute)
            {
                Verdict verdict = rules.CheckType(type, inAttribute);
                if (verdict.IsOk || linqOnly && verdict.Rule != Rules.Linq)
                {
                    return;
                }

                context.ReportDiagnostic(Diagnostic.Create(verdict.Rule, where.GetLocation(), verdict.Args));
            }

            /// <summary>The name a reference is spelled with, so the error points at it.</summary>
            private static SyntaxNode NameOf(SyntaxNode syntax)
            {
                switch (syntax)
                {
                    case InvocationExpressionSyntax call:
                        return NameOf(call.Expression);
                    case MemberAccessExpressionSyntax access:
                        return access.Name;
                    case MemberBindingExpressionSyntax binding:
                        return binding.Name;
                    case ObjectCreationExpressionSyntax creation:
                        return creation.Type;
                    case AttributeSyntax attribute:
                        return attribute.Name;
                    case AssignmentExpressionSyntax assignment:
                        return NameOf(assignment.Left);
                    default:
                        return syntax;
                }
            }

            private static SyntaxNodeOrToken OperatorToken(SyntaxNode syntax)
            {
                switch (syntax)
                {
                    case BinaryExpressionSyntax binary:
                        return binary.OperatorToken;
                    case AssignmentExpressionSyntax assignment:
                        return assignment.OperatorToken;
                    default:
                        return syntax;
                }
            }

            private static SyntaxNodeOrToken KeywordOf(SyntaxNode syntax)
            {
                switch (syntax)
                {
                    case UsingStatementSyntax use:
                        return use.UsingKeyword;
                    case LocalDeclarationStatementSyntax local:
                        return local.UsingKeyword;
                    case VariableDeclarationSyntax declaration when declaration.Parent is LocalDeclarationStatementSyntax local:
                        return local.UsingKeyword;
                    default:
                        return syntax;
                }
            }

            // ---- classes without a written constructor still call their base's ----

            public void AnalyzeNamedType(SymbolAnalysisContext context)
            {
                var type = (INamedTypeSymbol)context.Symbol;
                if (type.TypeKind != TypeKind.Class || type.IsStatic || type.IsImplicitlyDeclared || _symbols == null)
                {
                    return;
                }

                IMethodSymbol implicitCtor = type.InstanceConstructors.FirstOrDefault(c => c.IsImplicitlyDeclared);
                if (implicitCtor == null || type.IsRecord)
                {
                    return;
                }

                IMethodSymbol baseCtor = ParameterlessConstructor(type.BaseType);
                if (baseCtor == null)
                {
                    return;
                }

                foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                {
                    if (!(reference.GetSyntax(context.CancellationToken) is BaseTypeDeclarationSyntax declaration)
                        || IsBuildOutput(declaration.SyntaxTree) || IsPlatformFile(declaration.SyntaxTree))
                    {
                        continue;
                    }

                    Verdict verdict = _symbols.CheckMember(baseCtor, inAttribute: false);
                    if (!verdict.IsOk)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(verdict.Rule, declaration.Identifier.GetLocation(), verdict.Args));
                    }

                    return; // once per type, at its first declaration
                }
            }
        }
    }
}
