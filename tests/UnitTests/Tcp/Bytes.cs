using nanoFramework.TestFramework;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>Byte-array assertions (the host bridge's CollectionAssert has no AreEqual yet).</summary>
    public static class Bytes
    {
        public static void AreEqual(byte[] expected, byte[] actual)
        {
            Assert.IsNotNull(actual);
            Assert.AreEqual(expected.Length, actual.Length, "length");
            for (int i = 0; i < expected.Length; i++)
            {
                if (expected[i] != actual[i])
                {
                    Assert.AreEqual(expected[i], actual[i], "byte " + i.ToString());
                }
            }
        }
    }
}
