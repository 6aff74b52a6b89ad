using nanoFramework.TestFramework;
using NanoIP.App.Console;
using NanoIP.Network;

namespace NanoIP.UnitTests.Console
{
    [TestClass]
    public class ConsoleTokenizerTests
    {
        private static CommandArgs Split(string line, out string error)
        {
            CommandArgs args = new CommandArgs(ConsoleShell.MaxWords);
            char[] chars = line.ToCharArray();
            error = Tokenizer.Split(chars, chars.Length, new char[ConsoleShell.MaxLineLength], args);
            return args;
        }

        private static void AssertWords(string line, string[] words)
        {
            string error;
            CommandArgs a = Split(line, out error);
            Assert.IsNull(error, line);
            Assert.AreEqual(words.Length, a.Count, line);
            for (int i = 0; i < words.Length; i++)
            {
                Assert.AreEqual(words[i], a[i], line);
            }
        }

        [TestMethod]
        public void ConsoleTokenizerSplitsOnSpacesAndTabs()
        {
            AssertWords("ping  192.168.1.1\t-c 3 ", new string[] { "ping", "192.168.1.1", "-c", "3" });
            AssertWords("   ", new string[0]);
            AssertWords(string.Empty, new string[0]);
            AssertWords("\thelp", new string[] { "help" });
        }

        [TestMethod]
        public void ConsoleTokenizerKeepsQuotedSpaces()
        {
            AssertWords("resolve \"my host\" 'a b'", new string[] { "resolve", "my host", "a b" });
            AssertWords("x a\"b c\"d", new string[] { "x", "ab cd" });
            AssertWords("x \"\" ''", new string[] { "x", string.Empty, string.Empty });
            AssertWords("x \"say \\\"hi\\\" \\\\ \\n\"", new string[] { "x", "say \"hi\" \\ \\n" });
            AssertWords("x 'it\"s'", new string[] { "x", "it\"s" });
        }

        [TestMethod]
        public void ConsoleTokenizerReportsUnterminatedQuotesAndTooManyWords()
        {
            string error;
            CommandArgs a = Split("x \"open", out error);
            Assert.AreEqual("unterminated quote", error);
            Assert.AreEqual(0, a.Count);
            string line = "w";
            for (int i = 1; i < ConsoleShell.MaxWords; i++)
            {
                line = line + " w";
            }

            Split(line, out error);
            Assert.IsNull(error);
            a = Split(line + " w", out error);
            Assert.IsNotNull(error);
            Assert.AreEqual(0, a.Count);
        }

        [TestMethod]
        public void ConsoleTokenizerErrorsReachTheUserAsOneLine()
        {
            ConsoleRig rig = new ConsoleRig();
            Assert.AreEqual("console: unterminated quote\r\n", rig.Output("ping \"192.168.1.20"));
            Assert.IsFalse(rig.Shell.JobRunning);
        }

        [TestMethod]
        public void ConsoleParseIntegersWithRanges()
        {
            int v;
            Assert.IsTrue(ConsoleParse.TryInt("42", 0, 100, out v));
            Assert.AreEqual(42, v);
            Assert.IsTrue(ConsoleParse.TryInt("-5", -10, 10, out v));
            Assert.AreEqual(-5, v);
            Assert.IsTrue(ConsoleParse.TryInt("0x1F", 0, 100, out v));
            Assert.AreEqual(31, v);
            Assert.IsTrue(ConsoleParse.TryInt("100", 0, 100, out v));
            Assert.IsFalse(ConsoleParse.TryInt("101", 0, 100, out v));
            Assert.IsFalse(ConsoleParse.TryInt("-1", 0, 100, out v));
            Assert.IsFalse(ConsoleParse.TryInt(string.Empty, 0, 100, out v));
            Assert.IsFalse(ConsoleParse.TryInt(null, 0, 100, out v));
            Assert.IsFalse(ConsoleParse.TryInt("-", 0, 100, out v));
            Assert.IsFalse(ConsoleParse.TryInt("0x", 0, 100, out v));
            Assert.IsFalse(ConsoleParse.TryInt("12a", 0, 100, out v));
            Assert.IsFalse(ConsoleParse.TryInt(" 1", 0, 100, out v));
            Assert.IsFalse(ConsoleParse.TryInt("99999999999999999999", 0, int.MaxValue, out v));
            Assert.IsFalse(ConsoleParse.TryInt("4294967297", int.MinValue, int.MaxValue, out v));
        }

        [TestMethod]
        public void ConsoleParseAddressesPrefixesAndMacs()
        {
            uint a;
            int len;
            Assert.IsTrue(ConsoleParse.TryAddress("10.0.0.1", out a));
            Assert.AreEqual(IPv4.FromBytes(10, 0, 0, 1), a);
            Assert.IsFalse(ConsoleParse.TryAddress("10.0.0", out a));
            Assert.IsFalse(ConsoleParse.TryAddress("10.0.0.256", out a));
            Assert.IsTrue(ConsoleParse.TryPrefix("192.168.1.10/24", out a, out len));
            Assert.AreEqual(IPv4.FromBytes(192, 168, 1, 10), a);
            Assert.AreEqual(24, len);
            Assert.IsTrue(ConsoleParse.TryPrefix("10.1.2.3/32", out a, out len));
            Assert.AreEqual(32, len);
            Assert.IsFalse(ConsoleParse.TryPrefix("10.1.2.3/33", out a, out len));
            Assert.IsFalse(ConsoleParse.TryPrefix("10.1.2.3/", out a, out len));
            Assert.IsFalse(ConsoleParse.TryPrefix("10.1.2.3/-1", out a, out len));
            Assert.IsFalse(ConsoleParse.TryPrefix("10.1.2.3/0x10", out a, out len));
            Assert.IsFalse(ConsoleParse.TryPrefix("10.1.2.3", out a, out len));
            Assert.IsFalse(ConsoleParse.TryPrefix("10.1.2/8", out a, out len));

            byte[] mac = new byte[6];
            Assert.IsTrue(ConsoleParse.TryMac("02:4e:49:50:00:ff", mac, 0));
            Assert.AreEqual((byte)0x4e, mac[1]);
            Assert.AreEqual((byte)0xff, mac[5]);
            Assert.IsTrue(ConsoleParse.TryMac("02-4E-49-50-00-01", mac, 0));
            Assert.AreEqual((byte)0x01, mac[5]);
            Assert.IsFalse(ConsoleParse.TryMac("02:4e:49:50:00", mac, 0));
            Assert.IsFalse(ConsoleParse.TryMac("02:4e:49:50:00:0g", mac, 0));
            Assert.IsFalse(ConsoleParse.TryMac("02.4e.49.50.00.01", mac, 0));
        }

        [TestMethod]
        public void ConsoleOptionsTakeSeparateOrAttachedValues()
        {
            string error;
            CommandArgs a = Split("ping -c 3 -s64 -W", out error);
            int i = 1;
            string value;
            Assert.IsFalse(a.TakeOption(ref i, "-s", out value));
            Assert.AreEqual(1, i);
            Assert.IsTrue(a.TakeOption(ref i, "-c", out value));
            Assert.AreEqual("3", value);
            Assert.AreEqual(3, i);
            Assert.IsTrue(a.TakeOption(ref i, "-s", out value));
            Assert.AreEqual("64", value);
            Assert.AreEqual(4, i);
            Assert.IsTrue(a.TakeOption(ref i, "-W", out value));
            Assert.IsNull(value);
            Assert.AreEqual(5, i);
            Assert.IsFalse(a.TakeOption(ref i, "-W", out value));
        }
    }
}
