namespace NanoIP { internal static class Placeholder { } }
