// A user agent string shortened to what a person recognises: "Firefox 128", "Windows".
// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".

const browsers: Array<[RegExp, string]> = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/(?:OPR|Opera)\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];

const systems: Array<[RegExp, string]> = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

export interface AgentSummary {
  /** "Firefox 128", or null when unrecognised. */
  browser: string | null;
  /** "Windows", or null when unrecognised. */
  system: string | null;
}

export function describeAgent(ua: string | null | undefined): AgentSummary {
  if (!ua) return { browser: null, system: null };
  const text = ua.slice(0, 500);
  let browser: string | null = null;
  for (const [re, name] of browsers) {
    const m = re.exec(text);
    if (m) {
      browser = `${name} ${m[1]}`;
      break;
    }
  }
  const system = systems.find(([re]) => re.test(text))?.[1] ?? null;
  return { browser, system };
}
