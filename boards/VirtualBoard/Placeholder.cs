namespace NanoIP.VirtualBoard { internal static class Placeholder { } }
