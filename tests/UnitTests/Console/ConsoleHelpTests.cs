using nanoFramework.TestFramework;
using NanoIP.App.Console;

namespace NanoIP.UnitTests.Console
{
    [TestClass]
    public class ConsoleHelpTests
    {
        [TestMethod]
        public void ConsoleHelpListsEveryCommandWithItsSummary()
        {
            ConsoleRig rig = new ConsoleRig();
            string s = rig.Output("help");
            string[] lines = ConsoleRig.Lines(s);
            Assert.AreEqual(rig.Shell.CommandCount + 1, lines.Length, s);
            string[] expected = new string[] { "help", "ifconfig", "ip", "arp", "ping", "netstat", "tcp", "udp", "stats", "enc", "mem", "log", "reboot" };
            Assert.AreEqual(expected.Length, rig.Shell.CommandCount);
            for (int i = 0; i < rig.Shell.CommandCount; i++)
            {
                IConsoleCommand c = rig.Shell.GetCommand(i);
                Assert.AreEqual(expected[i], c.Name);
                Assert.IsTrue(lines[i + 1].StartsWith("  " + c.Name + " "), lines[i + 1]);
                Assert.IsTrue(lines[i + 1].EndsWith(c.Summary), lines[i + 1]);
                Assert.IsTrue(c.Summary.Length > 0 && c.Summary.IndexOf('\n') < 0, c.Name);
            }
        }

        [TestMethod]
        public void ConsoleHelpForEachCommandEqualsItsDashDashHelp()
        {
            ConsoleRig rig = new ConsoleRig();
            for (int i = 0; i < rig.Shell.CommandCount; i++)
            {
                IConsoleCommand c = rig.Shell.GetCommand(i);
                string help = rig.Output("help " + c.Name);
                string dash = rig.Output(c.Name + " --help");
                Assert.AreEqual(help, dash, c.Name);
                string[] lines = ConsoleRig.Lines(help);
                Assert.IsTrue(lines[0].StartsWith("usage: " + c.Name), lines[0]);
                Assert.IsTrue(help.IndexOf(c.Summary) >= 0, c.Name);
                // Every synopsis line and every option line appears.
                AssertContainsLines(help, c.Usage, c.Name);
                AssertContainsLines(help, c.Help, c.Name);
            }
        }

        [TestMethod]
        public void ConsoleHelpShowsEveryPingOption()
        {
            ConsoleRig rig = new ConsoleRig();
            string s = rig.Output("ping --help");
            Assert.IsTrue(s.StartsWith("usage: ping HOST [-c COUNT] [-s SIZE] [-i MS] [-W MS]\r\n"), s);
            string[] options = new string[] { "-c COUNT", "-s SIZE", "-i MS", "-W MS" };
            for (int i = 0; i < options.Length; i++)
            {
                Assert.IsTrue(s.IndexOf("\r\n  " + options[i]) >= 0, options[i]);
            }

            // --help anywhere on the line shows help and runs nothing.
            long sent = rig.Stack.IcmpCounters.EchoRequestsOut;
            Assert.AreEqual(s, rig.Output("ping 192.168.1.20 -c 1 --help"));
            Assert.IsFalse(rig.Shell.JobRunning);
            Assert.AreEqual(sent, rig.Stack.IcmpCounters.EchoRequestsOut);
        }

        [TestMethod]
        public void ConsoleMultiLineUsageIsIndentedUnderTheFirst()
        {
            ConsoleRig rig = new ConsoleRig();
            string[] lines = ConsoleRig.Lines(rig.Output("help arp"));
            Assert.AreEqual("usage: arp [show]", lines[0]);
            Assert.AreEqual("       arp add ADDR MAC", lines[1]);
            Assert.AreEqual("       arp del ADDR", lines[2]);
            Assert.AreEqual("       arp flush", lines[3]);
        }

        [TestMethod]
        public void ConsoleHelpForAnUnknownCommandIsAnError()
        {
            ConsoleRig rig = new ConsoleRig();
            string[] lines = ConsoleRig.Lines(rig.Output("help nosuch"));
            Assert.AreEqual(2, lines.Length);
            Assert.AreEqual("help: no such command 'nosuch'", lines[0]);
            Assert.AreEqual("usage: help [COMMAND]", lines[1]);
        }

        [TestMethod]
        public void ConsoleRegisteredCommandsJoinHelpAndReplaceByName()
        {
            ConsoleRig rig = new ConsoleRig();
            int n = rig.Shell.CommandCount;
            Assert.IsTrue(rig.Shell.Register(new EchoCommand("hello")));
            Assert.AreEqual(n + 1, rig.Shell.CommandCount);
            Assert.IsTrue(rig.Output("help").IndexOf("  hello     say the words back") >= 0);
            Assert.AreEqual("a b\r\n", rig.Output("hello a b"));
            Assert.IsTrue(rig.Shell.Register(new EchoCommand("hello")));
            Assert.AreEqual(n + 1, rig.Shell.CommandCount);
            for (int i = rig.Shell.CommandCount; i < ConsoleShell.MaxCommands; i++)
            {
                Assert.IsTrue(rig.Shell.Register(new EchoCommand("c" + i.ToString())));
            }

            Assert.IsFalse(rig.Shell.Register(new EchoCommand("onetoomany")));
            Assert.IsNull(rig.Shell.Find("onetoomany"));
        }

        private static void AssertContainsLines(string text, string lines, string name)
        {
            string[] parts = ConsoleRig.Lines(lines);
            for (int i = 0; i < parts.Length; i++)
            {
                Assert.IsTrue(text.IndexOf(parts[i]) >= 0, name + ": " + parts[i]);
            }
        }

        private sealed class EchoCommand : IConsoleCommand
        {
            private readonly string _name;

            public EchoCommand(string name)
            {
                _name = name;
            }

            public string Name
            {
                get { return _name; }
            }

            public string Summary
            {
                get { return "say the words back"; }
            }

            public string Usage
            {
                get { return _name + " WORD..."; }
            }

            public string Help
            {
                get { return string.Empty; }
            }

            public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
            {
                string s = string.Empty;
                for (int i = 1; i < args.Count; i++)
                {
                    s = s + (i > 1 ? " " : string.Empty) + args[i];
                }

                ctx.WriteLine(s);
                return null;
            }
        }
    }
}
