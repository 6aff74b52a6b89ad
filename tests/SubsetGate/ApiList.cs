using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NanoIP.SubsetGate
{
    /// <summary>
    /// nanoframework-api.txt parsed once: the documentation ids device code may use, and the
    /// '# excluded T:...' types it may name only in attributes.
    /// </summary>
    public sealed class ApiList
    {
        public const string FileName = "nanoframework-api.txt";

        // One parse per distinct content; a build compiles several projects with the same file.
        private static readonly ConcurrentDictionary<string, ApiList> Cache = new ConcurrentDictionary<string, ApiList>(StringComparer.Ordinal);

        private readonly HashSet<string> _allowed;
        private readonly HashSet<string> _excluded;

        private ApiList(HashSet<string> allowed, HashSet<string> excluded)
        {
            _allowed = allowed;
            _excluded = excluded;
        }

        /// <summary>Number of allowed ids; 0 means the list is empty and the gate must fail.</summary>
        public int Count => _allowed.Count;

        public bool IsAllowed(string documentationId) => documentationId != null && _allowed.Contains(documentationId);

        /// <summary>A type that compiles on the device but is stripped from its image (attributes mostly).</summary>
        public bool IsExcludedType(string typeDocumentationId) => typeDocumentationId != null && _excluded.Contains(typeDocumentationId);

        /// <summary>The list among the additional files, or null (with why) when there is none.</summary>
        public static ApiList Find(IEnumerable<AdditionalText> files, CancellationToken cancellationToken, out string problem)
        {
            problem = null;
            AdditionalText found = null;
            foreach (AdditionalText file in files)
            {
                string name = System.IO.Path.GetFileName(file.Path ?? string.Empty);
                if (string.Equals(name, FileName, StringComparison.OrdinalIgnoreCase))
                {
                    found = file;
                    break;
                }
            }

            if (found == null)
            {
                problem = "no AdditionalFiles item named " + FileName + " (Directory.Device.props adds ../shared/facts/" + FileName + ")";
                return null;
            }

            SourceText text = found.GetText(cancellationToken);
            if (text == null)
            {
                problem = found.Path + " could not be read (missing file?)";
                return null;
            }

            string key = found.Path + "|" + Hex(text.GetChecksum());
            if (Cache.Count > 8 && !Cache.ContainsKey(key))
            {
                Cache.Clear(); // a long-lived compiler server sees each edit of the list once
            }

            ApiList list = Cache.GetOrAdd(key, _ => Parse(text.ToString()));
            if (list.Count == 0)
            {
                problem = found.Path + " lists no documentation ids";
                return null;
            }

            return list;
        }

        public static ApiList Parse(string content)
        {
            var allowed = new HashSet<string>(StringComparer.Ordinal);
            var excluded = new HashSet<string>(StringComparer.Ordinal);
            const string ExcludedPrefix = "# excluded ";
            foreach (string raw in content.Split('\n'))
            {
                string line = raw.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (line.StartsWith(ExcludedPrefix, StringComparison.Ordinal))
                {
                    excluded.Add(line.Substring(ExcludedPrefix.Length).Trim());
                    continue;
                }

                if (line[0] == '#')
                {
                    continue;
                }

                if (line.Length > 2 && line[1] == ':')
                {
                    allowed.Add(line);
                }
            }

            return new ApiList(allowed, excluded);
        }

        private static string Hex(System.Collections.Immutable.ImmutableArray<byte> bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes)
            {
                sb.Append(b.ToString("x2"));
            }

            return sb.ToString();
        }
    }
}
