using nanoFramework.TestFramework;

namespace NanoIP.UnitTests.Core
{
    [TestClass]
    public class InternetChecksumTests
    {
        [TestMethod]
        public void Rfc1071ExampleSumsTo0xDDF2()
        {
            // RFC 1071 §3 worked example: words 0001 f203 f4f5 f6f7 sum to 0xDDF2 (checksum is its complement).
            byte[] data = new byte[] { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
            Assert.AreEqual((ushort)0x220D, InternetChecksum.Compute(data, 0, data.Length));
        }

        [TestMethod]
        public void KnownIpv4HeaderVerifiesToZeroAndRecomputes()
        {
            // A real IPv4 header (checksum 0xB861 at offset 10).
            byte[] h = new byte[] { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };
            Assert.AreEqual((ushort)0, InternetChecksum.Compute(h, 0, h.Length));
            h[10] = 0;
            h[11] = 0;
            Assert.AreEqual((ushort)0xB861, InternetChecksum.Compute(h, 0, h.Length));
        }

        [TestMethod]
        public void OddLengthPadsWithZero()
        {
            byte[] odd = new byte[] { 0x12, 0x34, 0x56 };
            byte[] even = new byte[] { 0x12, 0x34, 0x56, 0x00 };
            Assert.AreEqual(InternetChecksum.Compute(even, 0, 4), InternetChecksum.Compute(odd, 0, 3));
        }

        [TestMethod]
        public void NetOrderRoundTrips()
        {
            byte[] b = new byte[6];
            NetOrder.WriteUInt16(b, 0, 0xBEEF);
            NetOrder.WriteUInt32(b, 2, 0xC0A80001);
            Assert.AreEqual((byte)0xBE, b[0]);
            Assert.AreEqual((ushort)0xBEEF, NetOrder.ReadUInt16(b, 0));
            Assert.AreEqual(0xC0A80001u, NetOrder.ReadUInt32(b, 2));
        }
    }
}
