using NanoIP.Sockets;

namespace NanoIP.UnitTests.Sockets
{
    /// <summary>Assertion helpers for the socket facade's errors.</summary>
    public static class Expect
    {
        /// <summary>The ErrorCode of the SocketException call throws; Success when it throws none.</summary>
        public static SocketError ErrorOf(SocketCall call)
        {
            try
            {
                call();
            }
            catch (SocketException e)
            {
                return e.ErrorCode;
            }

            return SocketError.Success;
        }

        /// <summary>Asserts that call throws a SocketException with exactly this error.</summary>
        public static void Error(SocketError expected, SocketCall call)
        {
            SocketError actual = ErrorOf(call);
            nanoFramework.TestFramework.Assert.AreEqual(SocketException.Describe(expected), SocketException.Describe(actual));
        }
    }
}
