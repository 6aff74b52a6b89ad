using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class whose [TestMethod]s the runner executes.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public class TestClassAttribute : Attribute
    {
        public TestMethodAttribute GetTestMethodAttribute(TestMethodAttribute testMethodAttribute) => testMethodAttribute;
    }

    [AttributeUsage(AttributeTargets.Method)]
    public class TestMethodAttribute : Attribute
    {
    }

    /// <summary>Runs once before the first test method of its class (nanoFramework semantics).</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public class SetupAttribute : Attribute
    {
    }

    /// <summary>Runs once after the last test method of its class.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public class CleanupAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters)
        {
            MethodParameters = methodParameters;
        }

        public object[] MethodParameters { get; }
    }

    public static class Helper
    {
        public static bool RemoveTestMethodIfDataRowExists(object[] attributes)
        {
            foreach (object a in attributes)
            {
                if (a is DataRowAttribute)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public class SkipTestException : Exception
    {
        public SkipTestException(string message = "", Exception innerException = null) : base(message, innerException)
        {
        }
    }

    public static class OutputHelper
    {
        public static void Write(string message) => TestOutput.Write(message);

        public static void WriteLine(string message) => TestOutput.Write(message + "\n");
    }

    /// <summary>Where OutputHelper writes; the runner captures it per test.</summary>
    public static class TestOutput
    {
        [ThreadStatic] private static System.Text.StringBuilder s_capture;

        public static void Write(string text)
        {
            if (s_capture != null)
            {
                s_capture.Append(text);
            }
            else
            {
                Console.Write(text);
            }
        }

        public static void BeginCapture() => s_capture = new System.Text.StringBuilder();

        public static string EndCapture()
        {
            string s = s_capture == null ? string.Empty : s_capture.ToString();
            s_capture = null;
            return s;
        }
    }
}

namespace TestFrameworkShared
{
    public class AssertFailedException : Exception
    {
        public AssertFailedException() : base("Assertion failed.")
        {
        }

        public AssertFailedException(string message) : base(message)
        {
        }

        public AssertFailedException(string message, Exception innerException) : base(message, innerException)
        {
        }
    }
}
