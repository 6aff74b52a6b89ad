using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.UnitTests.Sockets
{
    [TestClass]
    public class SocketEndPointTests
    {
        [TestMethod]
        public void ParseAndFormat()
        {
            IPEndPoint ep = IPEndPoint.Parse("192.168.1.20:8080");
            Assert.AreEqual(IPv4.FromBytes(192, 168, 1, 20), ep.Address);
            Assert.AreEqual(8080, ep.Port);
            Assert.AreEqual("192.168.1.20:8080", ep.ToString());
            Assert.IsTrue(ep.Equals(new IPEndPoint(IPv4.FromBytes(192, 168, 1, 20), 8080)));
            Assert.IsFalse(ep.Equals(new IPEndPoint(IPv4.FromBytes(192, 168, 1, 20), 8081)));
            Assert.AreEqual(new IPEndPoint(1, 2).GetHashCode(), new IPEndPoint(1, 2).GetHashCode());
        }

        [TestMethod]
        [DataRow("192.168.1.20")]
        [DataRow("192.168.1.20:")]
        [DataRow(":80")]
        [DataRow("192.168.1.20:65536")]
        [DataRow("192.168.1.20:8x")]
        [DataRow("192.168.1:80")]
        [DataRow("192.168.1.20:123456")]
        public void RejectsMalformedText(string text)
        {
            IPEndPoint ep;
            Assert.IsFalse(IPEndPoint.TryParse(text, out ep));
            Assert.IsNull(ep);
            Assert.ThrowsException(typeof(System.FormatException), delegate { IPEndPoint.Parse(text); });
        }

        [TestMethod]
        public void PortOutsideTheRangeIsRefused()
        {
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), delegate { new IPEndPoint(0, 65536); });
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), delegate { new IPEndPoint(0, -1); });
            IPEndPoint ep = new IPEndPoint(0, 65535);
            ep.Set(IPv4.FromBytes(10, 0, 0, 1), 1);
            Assert.AreEqual("10.0.0.1:1", ep.ToString());
        }
    }
}
