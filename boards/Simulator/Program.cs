Console.WriteLine("NanoIP virtual board: not yet wired");
