/**
 * A compact vocabulary for the documented key shape of a provider (see provider-names.ts), e.g. `lower32`,
 * `alnum40`, `hex64`, `alnum+_-43`, `lower20-40`, `uuid`, or a small regex `/pat-[a-z]{2}1-…/` for a structured key.
 *
 *   shape    := 'uuid' | '/' regex '/' | class ['+' extras] length
 *   class    := hex (0-9a-f) | HEX (0-9A-F) | Hex (either case) | lower (a-z0-9) | upper (A-Z0-9) | alnum (A-Za-z0-9)
 *             | digits (0-9) | b64 (A-Za-z0-9+/=) | url (A-Za-z0-9_-)
 *   extras   := punctuation the provider also uses (`-`, `_`, `.`, …), added to the class
 *   length   := N | N-M   (characters of the whole key)
 *
 * A provider may list several shapes (`alnum32|alnum16`: key and secret). The key is the whole token: a shape never
 * matches part of a longer value.
 */

const CLASSES: Record<string, string> = {
  hex: '0-9a-f',
  HEX: '0-9A-F',
  Hex: '0-9A-Fa-f',
  lower: 'a-z0-9',
  upper: 'A-Z0-9',
  alnum: 'A-Za-z0-9',
  digits: '0-9',
  b64: 'A-Za-z0-9+/=',
  url: 'A-Za-z0-9_\\-',
};

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const SHAPE = new RegExp(
  String.raw`^(?<cls>${Object.keys(CLASSES).join('|')})(?:\+(?<extras>[^A-Za-z0-9]+))?(?<min>\d+)(?:-(?<max>\d+))?$`,
);

/** Regex source (no anchors) of one shape; throws on a malformed shape so a table typo fails the build's tests. */
export function shapeSource(shape: string): string {
  if (shape === 'uuid') return UUID;
  if (shape.length > 2 && shape.startsWith('/') && shape.endsWith('/')) {
    const src = shape.slice(1, -1);
    new RegExp(src); // throws on a malformed table entry
    return `(?:${src})`;
  }
  const m = SHAPE.exec(shape);
  const cls = m?.groups && CLASSES[m.groups.cls];
  if (!m?.groups || !cls) throw new Error(`key shape ${shape}: expected uuid, /regex/ or <class>[+extras]<length>`);
  const { extras = '', min, max } = m.groups;
  if (max !== undefined && Number(max) < Number(min)) throw new Error(`key shape ${shape}: length range reversed`);
  const more = extras.replace(/[\\\]^-]/g, '\\$&');
  return `[${cls}${more}]{${min}${max === undefined ? '' : `,${max}`}}`;
}

/** One whole-token test for a provider's shapes (`lower32|uuid`). */
export function compileShapes(shapes: readonly string[]): RegExp {
  return new RegExp(`^(?:${shapes.map(shapeSource).join('|')})$`);
}

/** `lower32|/a|b/|uuid` → its shapes: `|` separates shapes, except inside a `/regex/`, which ends at `/|` or the end. */
export function splitShapes(spec: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < spec.length; ) {
    let end: number;
    if (spec[i] === '/') {
      const close = spec.indexOf('/|', i + 1);
      end = close < 0 ? spec.length : close + 1;
    } else {
      const bar = spec.indexOf('|', i);
      end = bar < 0 ? spec.length : bar;
    }
    out.push(spec.slice(i, end));
    i = end + 1;
  }
  return out;
}
