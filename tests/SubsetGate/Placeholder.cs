namespace NanoIP.SubsetGate { internal static class Placeholder { } }
