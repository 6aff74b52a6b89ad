using nanoFramework.TestFramework;
using NanoIP.App.Console;

namespace NanoIP.UnitTests.Console
{
    [TestClass]
    public class ConsoleLineEditorTests
    {
        private const string Up = "\x1b[A";
        private const string Down = "\x1b[B";

        [TestMethod]
        public void ConsolePrintsThePromptOnTheFirstPoll()
        {
            FakeConsolePort port = new FakeConsolePort();
            ConsoleRig rig = new ConsoleRig();
            ConsoleShell shell = new ConsoleShell(port, rig.Stack);
            Assert.AreEqual(string.Empty, port.Output);
            shell.Poll(rig.Now);
            Assert.AreEqual(ConsoleShell.Prompt, port.Take());
            shell.Poll(rig.Now);
            Assert.AreEqual(string.Empty, port.Take());
        }

        [TestMethod]
        public void ConsoleEchoesPrintableInputAndRunsTheLineOnEnter()
        {
            ConsoleRig rig = new ConsoleRig();
            Assert.AreEqual("log", rig.Type("log"));
            Assert.AreEqual(3, rig.Shell.Editor.Length);
            string s = rig.Type("\r");
            Assert.AreEqual("\r\nlog level: warn\r\n" + ConsoleShell.Prompt, s);
            Assert.AreEqual(0, rig.Shell.Editor.Length);
        }

        [TestMethod]
        public void ConsoleBackspaceAndDeleteEraseTheLastCharacter()
        {
            ConsoleRig rig = new ConsoleRig();
            NanoIP.Log.Level = LogLevel.Warn;
            string s = rig.Type("log infz\b");
            Assert.AreEqual("log infz\b \b", s);
            s = rig.Type("x\x7f");
            Assert.AreEqual("x\b \b", s);
            s = rig.Type("o\r");
            Assert.IsTrue(s.IndexOf("log level: info") >= 0, s);
            Assert.AreEqual(LogLevel.Info, NanoIP.Log.Level);
            NanoIP.Log.Level = LogLevel.Warn;

            // Nothing to erase: the bell, and the prompt stays intact.
            Assert.AreEqual("\a", rig.Type("\b"));
            Assert.AreEqual("\a", rig.Type("\x7f"));
        }

        [TestMethod]
        public void ConsoleCtrlCAbandonsTheLineWithoutRunningIt()
        {
            ConsoleRig rig = new ConsoleRig();
            long sent = rig.Stack.IcmpCounters.EchoRequestsOut;
            string s = rig.Type("ping -c 1 192.168.1.20\x03");
            Assert.IsTrue(s.EndsWith("^C\r\n" + ConsoleShell.Prompt), s);
            Assert.AreEqual(0, rig.Shell.Editor.Length);
            Assert.IsFalse(rig.Shell.JobRunning);
            rig.Step(100);
            Assert.AreEqual(sent, rig.Stack.IcmpCounters.EchoRequestsOut);
            // The abandoned line is not in the history.
            Assert.AreEqual(0, rig.Shell.Editor.History.Count);
        }

        [TestMethod]
        public void ConsoleCtrlUClearsTheLine()
        {
            ConsoleRig rig = new ConsoleRig();
            rig.Run("arp add 192.168.1.30 02:00:00:00:00:30");
            string before = rig.Output("arp");
            string s = rig.Type("arp del 192.168.1.30\x15");
            Assert.AreEqual(0, rig.Shell.Editor.Length);
            Assert.AreEqual(20, ConsoleRig.Count(s, "\b \b"));
            rig.Run("log");
            Assert.AreEqual(before, rig.Output("arp"));
        }

        [TestMethod]
        public void ConsoleUpAndDownWalkTheHistory()
        {
            ConsoleRig rig = new ConsoleRig();
            rig.Run("ip");
            rig.Run("arp");
            rig.Type("lo");
            string s = rig.Type(Up);
            // The draft "lo" is erased and the newest entry drawn.
            Assert.AreEqual("\b \b\b \barp", s);
            Assert.AreEqual("arp", Line(rig));
            rig.Type(Up);
            Assert.AreEqual("ip", Line(rig));
            Assert.AreEqual("\a", rig.Type(Up));
            Assert.AreEqual("ip", Line(rig));
            rig.Type(Down);
            Assert.AreEqual("arp", Line(rig));
            rig.Type(Down);
            Assert.AreEqual("lo", Line(rig));
            Assert.AreEqual("\a", rig.Type(Down));

            // ESC O A (application cursor keys) works the same, and Enter runs the recalled line.
            rig.Type("\x15");
            rig.Type("\x1bOA");
            Assert.AreEqual("arp", Line(rig));
            string run = rig.Type("\r");
            Assert.IsTrue(run.IndexOf("HWaddress") >= 0, run);
        }

        [TestMethod]
        public void ConsoleHistoryKeepsTheNewestEightAndSkipsRepeats()
        {
            ConsoleRig rig = new ConsoleRig();
            for (int i = 0; i < 10; i++)
            {
                rig.Run("help h" + i.ToString());
            }

            rig.Run("help h9");
            rig.Run(string.Empty);
            Assert.AreEqual(ConsoleShell.HistoryDepth, rig.Shell.Editor.History.Count);
            for (int i = 0; i < ConsoleShell.HistoryDepth; i++)
            {
                rig.Type(Up);
                Assert.AreEqual("help h" + (9 - i).ToString(), Line(rig));
            }

            Assert.AreEqual("\a", rig.Type(Up));
        }

        [TestMethod]
        public void ConsoleCrLfAndCrLfEachEndOneLine()
        {
            ConsoleRig rig = new ConsoleRig();
            rig.Port.Type("log\r\nlog\nlog\r");
            for (int i = 0; i < 5; i++)
            {
                rig.Shell.Poll(rig.Now);
            }

            string s = rig.Port.Take();
            Assert.AreEqual(3, ConsoleRig.Count(s, "log level: warn"));
            Assert.AreEqual(3, ConsoleRig.Count(s, ConsoleShell.Prompt));
            // The input ended with a CR: an LF now is its CRLF tail; the next one is an empty line, which only shows a new prompt.
            Assert.AreEqual(string.Empty, rig.Type("\n"));
            Assert.AreEqual("\r\n" + ConsoleShell.Prompt, rig.Type("\n"));
        }

        [TestMethod]
        public void ConsoleRunsAtMostOneLinePerPoll()
        {
            ConsoleRig rig = new ConsoleRig();
            rig.Port.Type("log\rlog\r");
            rig.Shell.Poll(rig.Now);
            Assert.AreEqual(1, ConsoleRig.Count(rig.Port.Output, "log level"));
            Assert.IsTrue(rig.Port.Pending > 0 || rig.Shell.Editor.Length == 0);
            rig.Shell.Poll(rig.Now);
            Assert.AreEqual(2, ConsoleRig.Count(rig.Port.Take(), "log level"));
        }

        [TestMethod]
        public void ConsoleIgnoresCharactersPastTheMaximumWithABell()
        {
            ConsoleRig rig = new ConsoleRig();
            string line = string.Empty;
            for (int i = 0; i < ConsoleShell.MaxLineLength + 5; i++)
            {
                line = line + (char)('a' + (i % 26));
            }

            string s = rig.Type(line);
            Assert.AreEqual(ConsoleShell.MaxLineLength, rig.Shell.Editor.Length);
            Assert.AreEqual(5, ConsoleRig.Count(s, "\a"));
            Assert.AreEqual(line.Substring(0, ConsoleShell.MaxLineLength), s.Substring(0, ConsoleShell.MaxLineLength));
            // Still editable: backspace works, and Enter runs what was kept.
            rig.Type("\b");
            Assert.AreEqual(ConsoleShell.MaxLineLength - 1, rig.Shell.Editor.Length);
            string run = rig.Type("\r");
            Assert.IsTrue(run.IndexOf(line.Substring(0, ConsoleShell.MaxLineLength - 1) + ": command not found") >= 0, run);
        }

        [TestMethod]
        public void ConsoleSwallowsOtherEscapeSequencesAndControlCharacters()
        {
            ConsoleRig rig = new ConsoleRig();
            // Right arrow, Delete (ESC [ 3 ~), Ctrl-Up (ESC [ 1 ; 5 C), tab, NUL, a byte above ASCII.
            string s = rig.Type("lo\x1b[C\x1b[3~\x1b[1;5C\t\0\u00e9g");
            Assert.AreEqual("log", s);
            Assert.AreEqual("log", Line(rig));
        }

        [TestMethod]
        public void ConsoleReadsInputInSmallPieces()
        {
            ConsoleRig rig = new ConsoleRig();
            rig.Port.ReadChunk = 1;
            rig.Port.Type("log\r");
            for (int i = 0; i < 4 && rig.Port.Pending > 0; i++)
            {
                rig.Shell.Poll(rig.Now);
            }

            Assert.AreEqual("log\r\nlog level: warn\r\n" + ConsoleShell.Prompt, rig.Port.Take());
        }

        private static string Line(ConsoleRig rig)
        {
            return new string(rig.Shell.Editor.Line, 0, rig.Shell.Editor.Length);
        }
    }
}
