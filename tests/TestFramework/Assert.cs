using System;
using System.Collections;
using System.Runtime.CompilerServices;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>Host twin of nanoFramework.TestFramework.Assert: same overloads, same failure type.</summary>
    public sealed class Assert
    {
        public Assert()
        {
        }

        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(bool notExpected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(byte notExpected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(char expected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(char notExpected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(DateTime notExpected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(double expected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(double notExpected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(float expected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(float notExpected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(sbyte notExpected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(short expected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(short notExpected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(uint notExpected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(ulong notExpected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        public static void AreNotEqual(ushort notExpected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        [Obsolete("Use AreEqual")]
        public static void Equal(bool expected, bool actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(bool notExpected, bool actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use AreEqual")]
        public static void Equal(byte expected, byte actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(byte notExpected, byte actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use AreEqual")]
        public static void Equal(char expected, char actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(char notExpected, char actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use AreEqual")]
        public static void Equal(DateTime expected, DateTime actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(DateTime notExpected, DateTime actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use AreEqual")]
        public static void Equal(double expected, double actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(double notExpected, double actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use AreEqual")]
        public static void Equal(float expected, float actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(float notExpected, float actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use AreEqual")]
        public static void Equal(int expected, int actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(int notExpected, int actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use AreEqual")]
        public static void Equal(long expected, long actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(long notExpected, long actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use AreEqual")]
        public static void Equal(sbyte expected, sbyte actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(sbyte notExpected, sbyte actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use AreEqual")]
        public static void Equal(short expected, short actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(short notExpected, short actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use AreEqual")]
        public static void Equal(string expected, string actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(string notExpected, string actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use AreEqual")]
        public static void Equal(uint expected, uint actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(uint notExpected, uint actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use AreEqual")]
        public static void Equal(ulong expected, ulong actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(ulong notExpected, ulong actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use AreEqual")]
        public static void Equal(ushort expected, ushort actual, string message = "") => AreEqual(expected, actual, message);

        [Obsolete("Use AreNotEqual")]
        public static void NotEqual(ushort notExpected, ushort actual, string message = "") => AreNotEqual(notExpected, actual, message);

        [Obsolete("Use CollectionAssert or SequenceEqual")]
        public static void Equal(Array expected, Array actual, string message = "")
        {
            if (!expected.SequenceEqual(actual)) Fail("Assert.Equal", message);
        }

        [Obsolete]
        public static void NotEqual(Array notExpected, Array actual, string message = "")
        {
            if (notExpected.SequenceEqual(actual)) Fail("Assert.NotEqual", message);
        }

        public static void AreSame(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!ReferenceEquals(expected, actual)) Fail("Assert.AreSame", message);
        }

        public static void AreNotSame(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (ReferenceEquals(notExpected, actual)) Fail("Assert.AreNotSame", message);
        }

        public static void Contains(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            NotNullArg(value, "Assert.Contains");
            if (value.IndexOf(expected, StringComparison.Ordinal) < 0) Fail("Assert.Contains", "'" + value + "' does not contain '" + expected + "'. " + message);
        }

        public static void DoesNotContains(string notExpected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            NotNullArg(value, "Assert.DoesNotContains");
            if (value.IndexOf(notExpected, StringComparison.Ordinal) >= 0) Fail("Assert.DoesNotContains", "'" + value + "' should not contain '" + notExpected + "'. " + message);
        }

        public static void StartsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            NotNullArg(value, "Assert.StartsWith");
            if (!value.StartsWith(expected, StringComparison.Ordinal)) Fail("Assert.StartsWith", "'" + value + "' does not start with '" + expected + "'. " + message);
        }

        public static void EndsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            NotNullArg(value, "Assert.EndsWith");
            if (!value.EndsWith(expected, StringComparison.Ordinal)) Fail("Assert.EndsWith", "'" + value + "' does not end with '" + expected + "'. " + message);
        }

        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (!condition) Fail("Assert.IsTrue", message);
        }

        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (condition) Fail("Assert.IsFalse", message);
        }

        public static void IsNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null) Fail("Assert.IsNull", message);
        }

        public static void IsNotNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null) Fail("Assert.IsNotNull", message);
        }

        public static void IsInstanceOfType(object value, Type expected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || !expected.IsInstanceOfType(value)) Fail("Assert.IsInstanceOfType", "Expected type:<" + expected + ">. " + message);
        }

        public static void IsNotInstanceOfType(object value, Type notExpected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null && notExpected.IsInstanceOfType(value)) Fail("Assert.IsNotInstanceOfType", "Wrong type:<" + notExpected + ">. " + message);
        }

        public static void SkipTest(string message = null) => throw new SkipTestException(message ?? string.Empty);

        public static void ThrowsException(Type exception, Action action, [CallerArgumentExpression(nameof(action))] string message = "")
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                if (e.GetType() != exception)
                {
                    Fail("Assert.ThrowsException", "Expected " + exception + " but " + e.GetType() + " was thrown: " + e.Message + ". " + message);
                }

                return;
            }

            Fail("Assert.ThrowsException", "Expected " + exception + " but nothing was thrown. " + message);
        }

        [Obsolete] public static void True(bool condition, string message = "") => IsTrue(condition, message);
        [Obsolete] public static void False(bool condition, string message = "") => IsFalse(condition, message);
        [Obsolete] public static void Null(object value, string message = "") => IsNull(value, message);
        [Obsolete] public static void NotNull(object value, string message = "") => IsNotNull(value, message);
        [Obsolete] public static void Same(object expected, object actual, string message = "") => AreSame(expected, actual, message);
        [Obsolete] public static void NotSame(object notExpected, object actual, string message = "") => AreNotSame(notExpected, actual, message);
        [Obsolete] public static void IsType(Type expected, object value, string message = "") => IsInstanceOfType(value, expected, message);
        [Obsolete] public static void IsNotType(Type notExpected, object value, string message = "") => IsNotInstanceOfType(value, notExpected, message);
        [Obsolete] public static void Throws(Type exception, Action action, string message = "") => ThrowsException(exception, action, message);
        [Obsolete] public static void Empty(ICollection collection, string message = "") => CollectionAssert.Empty(collection, message);
        [Obsolete] public static void NotEmpty(ICollection collection, string message = "") => CollectionAssert.NotEmpty(collection, message);

        internal static void Fail(string assertion, string message) => throw new AssertFailedException(assertion + " failed. " + message);

        private static void NotNullArg(object value, string assertion)
        {
            if (value == null) Fail(assertion, "The value cannot be null.");
        }

        private static string Show(object o) => o == null ? "(null)" : o.ToString();
    }

    public sealed class CollectionAssert
    {
        public CollectionAssert()
        {
        }

        public static void Empty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count != 0) Assert.Fail("CollectionAssert.Empty", message);
        }

        public static void NotEmpty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count == 0) Assert.Fail("CollectionAssert.NotEmpty", message);
        }

        public static void AreEqual(ICollection expected, ICollection actual, string message = "")
        {
            string reason = Compare(expected, actual);
            if (reason != null) Assert.Fail("CollectionAssert.AreEqual", message + " " + reason);
        }

        public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "")
        {
            if (Compare(notExpected, actual) == null) Assert.Fail("CollectionAssert.AreNotEqual", message + " Both collections contain the same elements.");
        }

        /// <summary>Null when both hold equal elements in the same order, else why not.</summary>
        private static string Compare(ICollection expected, ICollection actual)
        {
            if (ReferenceEquals(expected, actual)) return null;
            if (expected == null || actual == null) return "One collection is null.";
            if (expected.Count != actual.Count) return "Different number of elements: " + expected.Count + " and " + actual.Count + ".";
            IEnumerator e = expected.GetEnumerator();
            IEnumerator a = actual.GetEnumerator();
            for (int i = 0; e.MoveNext() && a.MoveNext(); i++)
            {
                if (!Equals(e.Current, a.Current)) return "Element at index " + i + " differs. Expected:<" + e.Current + ">. Actual:<" + a.Current + ">.";
            }

            return null;
        }
    }

    public static class TestExtensions
    {
        /// <summary>Element-wise equality of two arrays of the same element type.</summary>
        public static bool SequenceEqual(this Array a, Array b)
        {
            if (a == null || b == null || a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                object x = a.GetValue(i);
                object y = b.GetValue(i);
                if (x == null ? y != null : (y == null || x.GetType() != y.GetType() || !x.Equals(y))) return false;
            }

            return true;
        }
    }
}
