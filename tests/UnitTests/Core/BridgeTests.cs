using nanoFramework.TestFramework;

namespace NanoIP.UnitTests.Core
{
    /// <summary>The host bridge honours the device framework's Setup and DataRow semantics.</summary>
    [TestClass]
    public class BridgeTests
    {
        private int _setupRuns;

        [Setup]
        public void SetUp()
        {
            _setupRuns++;
        }

        [TestMethod]
        public void SetupRanOnceBeforeTests()
        {
            Assert.AreEqual(1, _setupRuns);
        }

        [TestMethod]
        [DataRow(2, 3, 5)]
        [DataRow(-1, 1, 0)]
        public void DataRowsArePassed(int a, int b, int sum)
        {
            Assert.AreEqual(sum, a + b);
        }
    }
}
