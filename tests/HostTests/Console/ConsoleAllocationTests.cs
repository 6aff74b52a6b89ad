using nanoFramework.TestFramework;
using NanoIP.App.Console;
using NanoIP.Network;

namespace NanoIP.HostTests.ConsoleTests
{
    /// <summary>The console is polled on every turn of the network thread: when nothing happens, it must allocate nothing.</summary>
    [TestClass]
    public class ConsoleAllocationTests
    {
        [TestMethod]
        public void ConsoleIdlePollAllocatesNothing()
        {
            var stack = new NetStack(new NetConfig(), new SilentLink());
            stack.Configure(IPv4.FromBytes(10, 0, 0, 1), 24, 0);
            var port = new ScriptPort();
            var shell = new ConsoleShell(port, stack);
            long now = 1000;
            shell.Poll(now);
            port.Type("help\r");
            shell.Poll(now);
            Assert.IsTrue(port.Take().Contains("commands"));

            for (int i = 0; i < 10; i++) shell.Poll(now + i);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10000; i++) shell.Poll(now + 10 + i);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(0L, allocated);
            Assert.AreEqual(string.Empty, port.Take());
        }

        [TestMethod]
        public void ConsoleFootprintMatchesWhatItsConstructorAllocates()
        {
            var stack = new NetStack(new NetConfig(), new SilentLink());
            var port = new ScriptPort();
            new ConsoleShell(port, stack);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var shell = new ConsoleShell(port, stack);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.IsTrue(System.Math.Abs(allocated - shell.FootprintBytes) * 100 <= allocated * 25, "allocated " + allocated + ", FootprintBytes " + shell.FootprintBytes);
        }

        [TestMethod]
        public void ConsoleWaitingPingAllocatesNothingBetweenEvents()
        {
            var stack = new NetStack(new NetConfig(), new SilentLink());
            stack.Configure(IPv4.FromBytes(10, 0, 0, 1), 24, 0);
            var port = new ScriptPort();
            var shell = new ConsoleShell(port, stack);
            long now = 1000;
            port.Type("ping -c 2 -i 5000 -W 60000 10.0.0.2\r");
            shell.Poll(now);
            Assert.IsTrue(shell.JobRunning);
            Assert.IsTrue(port.Take().Contains("PING 10.0.0.2"));

            // The request waits for ARP; until the next send (5 s) or ARP's verdict (3 s) the job only watches.
            for (int i = 0; i < 10; i++) shell.Poll(now + i);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int t = 10; t < 2000; t++)
            {
                stack.Poll(now + t);
                shell.Poll(now + t);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(0L, allocated);
            Assert.AreEqual(string.Empty, port.Take());
            Assert.IsTrue(shell.JobRunning);
        }
    }
}
