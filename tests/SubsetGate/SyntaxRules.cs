using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace NanoIP.SubsetGate
{
    /// <summary>
    /// The rules that need no semantic model. They run over every device tree as the host
    /// compiles it, and over the NANOFRAMEWORK half of each platform file re-parsed with that
    /// symbol, where no semantic model exists.
    /// </summary>
    internal static class SyntaxRules
    {
        /// <summary>Reports (rule, span, what) for every construct the device cannot compile.</summary>
        /// <param name="checkGenerics">False for the host half of a platform file (exempt from NF0001).</param>
        public static void Walk(SyntaxNode root, bool checkGenerics, Action<DiagnosticDescriptor, TextSpan, string> report)
        {
            foreach (SyntaxNode node in root.DescendantNodes())
            {
                Check(node, checkGenerics, report);
            }
        }

        private static void Check(SyntaxNode node, bool checkGenerics, Action<DiagnosticDescriptor, TextSpan, string> report)
        {
            switch (node)
            {
                // NF0001 generics, as far as syntax shows them.
                case TypeParameterListSyntax tpl when checkGenerics:
                    report(Rules.Generics, tpl.Span, "type parameter list " + tpl);
                    return;
                case TypeParameterConstraintClauseSyntax constraint when checkGenerics:
                    report(Rules.Generics, constraint.Span, "generic constraint");
                    return;
                case GenericNameSyntax generic when checkGenerics:
                    report(Rules.Generics, generic.Span, generic.ToString());
                    return;
                case AnonymousObjectCreationExpressionSyntax anon when checkGenerics:
                    report(Rules.Generics, anon.NewKeyword.Span, "anonymous type (compiles to a generic class)");
                    return;
                case NullableTypeSyntax nullable when checkGenerics && IsValueKeyword(nullable.ElementType):
                    report(Rules.Generics, nullable.Span, nullable + " (System.Nullable<T>)");
                    return;

                // NF0002 async/await.
                case AwaitExpressionSyntax await:
                    report(Rules.Async, await.AwaitKeyword.Span, "await");
                    return;
                case AnonymousFunctionExpressionSyntax fn when fn.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword):
                    report(Rules.Async, fn.AsyncKeyword.Span, "async lambda");
                    return;
                case CommonForEachStatementSyntax each when each.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                    report(Rules.Async, each.AwaitKeyword.Span, "await foreach");
                    break;
                case UsingStatementSyntax use when use.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                    report(Rules.Async, use.AwaitKeyword.Span, "await using");
                    return;
                case LocalDeclarationStatementSyntax local when local.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                    report(Rules.Async, local.AwaitKeyword.Span, "await using");
                    break;

                // NF0003 iterators.
                case YieldStatementSyntax yield:
                    report(Rules.Iterators, TextSpan.FromBounds(yield.YieldKeyword.SpanStart, yield.ReturnOrBreakKeyword.Span.End), yield.YieldKeyword + " " + yield.ReturnOrBreakKeyword);
                    return;

                // NF0004 LINQ query syntax (method syntax is found semantically).
                case QueryExpressionSyntax query:
                    report(Rules.Linq, query.FromClause.FromKeyword.Span, "query expression");
                    return;

                // NF0005 tuples.
                case TupleTypeSyntax tupleType:
                    report(Rules.Tuples, tupleType.Span, "tuple type " + tupleType);
                    return;
                case TupleExpressionSyntax tuple:
                    report(Rules.Tuples, tuple.Span, "tuple expression");
                    return;
                case ParenthesizedVariableDesignationSyntax designation:
                    report(Rules.Tuples, designation.Span, "deconstruction " + designation);
                    return;

                // NF0006 records.
                case RecordDeclarationSyntax record:
                    report(Rules.Records, record.Identifier.Span, "record " + record.Identifier.ValueText);
                    return;
                case WithExpressionSyntax with:
                    report(Rules.Records, with.WithKeyword.Span, "with expression");
                    return;

                // NF0007 stackalloc.
                case StackAllocArrayCreationExpressionSyntax stack:
                    report(Rules.StackAlloc, stack.StackAllocKeyword.Span, "stackalloc");
                    return;
                case ImplicitStackAllocArrayCreationExpressionSyntax stack2:
                    report(Rules.StackAlloc, stack2.StackAllocKeyword.Span, "stackalloc");
                    return;

                // NF0008 unsafe.
                case UnsafeStatementSyntax unsafeBlock:
                    report(Rules.Unsafe, unsafeBlock.UnsafeKeyword.Span, "unsafe block");
                    return;
                case PointerTypeSyntax pointer:
                    report(Rules.Unsafe, pointer.Span, "pointer type " + pointer);
                    return;
                case FunctionPointerTypeSyntax fnPointer:
                    report(Rules.Unsafe, fnPointer.DelegateKeyword.Span, "function pointer");
                    return;
                case FixedStatementSyntax fixedStatement:
                    report(Rules.Unsafe, fixedStatement.FixedKeyword.Span, "fixed statement");
                    return;
                case PrefixUnaryExpressionSyntax addressOf when addressOf.IsKind(SyntaxKind.AddressOfExpression) || addressOf.IsKind(SyntaxKind.PointerIndirectionExpression):
                    report(Rules.Unsafe, addressOf.OperatorToken.Span, "pointer operator " + addressOf.OperatorToken);
                    return;
                case MemberAccessExpressionSyntax arrow when arrow.IsKind(SyntaxKind.PointerMemberAccessExpression):
                    report(Rules.Unsafe, arrow.OperatorToken.Span, "pointer member access ->");
                    return;

                // NF0009 dynamic (the semantic pass also finds it by type).
                case IdentifierNameSyntax name when name.Identifier.ValueText == "dynamic" && SyntaxFacts.IsInTypeOnlyContext(name):
                    report(Rules.Dynamic, name.Span, "dynamic");
                    return;

                // NF0010 multi-dimensional arrays.
                case ArrayRankSpecifierSyntax rank when rank.Sizes.Count > 1:
                    report(Rules.MultiDimArrays, rank.Span, rank.ToString());
                    return;
                case ImplicitArrayCreationExpressionSyntax implicitArray when implicitArray.Commas.Count > 0:
                    report(Rules.MultiDimArrays, TextSpan.FromBounds(implicitArray.NewKeyword.SpanStart, implicitArray.CloseBracketToken.Span.End), "new[,]");
                    return;

                // NF0015 suppressing the gate (the rules' NotConfigurable tag already defeats NoWarn and #pragma).
                case AttributeSyntax attribute when IsSuppressionAttribute(attribute):
                    report(Rules.Suppression, attribute.Span, Shorten(attribute.ToString()));
                    return;

                // NF0012 string interpolation.
                case InterpolatedStringExpressionSyntax interpolated:
                    report(Rules.Interpolation, interpolated.StringStartToken.Span, Shorten(interpolated.ToString()));
                    return;
            }

            // Modifiers: async and unsafe on any member, local function or type.
            SyntaxTokenList modifiers = ModifiersOf(node);
            foreach (SyntaxToken modifier in modifiers)
            {
                if (modifier.IsKind(SyntaxKind.AsyncKeyword))
                {
                    report(Rules.Async, modifier.Span, "async modifier");
                }
                else if (modifier.IsKind(SyntaxKind.UnsafeKeyword))
                {
                    report(Rules.Unsafe, modifier.Span, "unsafe modifier");
                }
                else if (modifier.IsKind(SyntaxKind.FixedKeyword))
                {
                    report(Rules.Unsafe, modifier.Span, "fixed-size buffer");
                }
            }

            if (checkGenerics && node.IsKind(SyntaxKind.CollectionExpression))
            {
                report(Rules.Generics, node.Span, "collection expression");
            }
        }

        private static SyntaxTokenList ModifiersOf(SyntaxNode node)
        {
            switch (node)
            {
                case MemberDeclarationSyntax member:
                    return member.Modifiers;
                case LocalFunctionStatementSyntax localFunction:
                    return localFunction.Modifiers;
                case AccessorDeclarationSyntax accessor:
                    return accessor.Modifiers;
                case LocalDeclarationStatementSyntax local:
                    return local.Modifiers;
                default:
                    return default;
            }
        }

        private static bool IsSuppressionAttribute(AttributeSyntax attribute)
        {
            NameSyntax name = attribute.Name;
            while (name is QualifiedNameSyntax q)
            {
                name = q.Right;
            }

            if (name is AliasQualifiedNameSyntax a)
            {
                name = a.Name;
            }

            string text = (name as SimpleNameSyntax)?.Identifier.ValueText ?? string.Empty;
            return text == "SuppressMessage" || text == "SuppressMessageAttribute"
                || text == "UnconditionalSuppressMessage" || text == "UnconditionalSuppressMessageAttribute";
        }

        private static bool IsValueKeyword(TypeSyntax type)
        {
            if (!(type is PredefinedTypeSyntax predefined))
            {
                return false;
            }

            SyntaxKind kind = predefined.Keyword.Kind();
            return kind != SyntaxKind.StringKeyword && kind != SyntaxKind.ObjectKeyword;
        }

        internal static string Shorten(string text)
        {
            text = text.Replace("\r", " ").Replace("\n", " ");
            return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
        }
    }
}
