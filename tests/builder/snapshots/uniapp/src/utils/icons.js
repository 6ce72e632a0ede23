// The storefront's icon set (builder/icons.py) as SVG images in the theme's colours.
const BODIES = {
 "cart": "\u003cpolyline points=\"2.5,3.5 5.5,3.5 8,15.5 18.5,15.5 21,7.5 6.5,7.5\"/\u003e\u003ccircle cx=\"9\" cy=\"19.5\" r=\"1.5\"/\u003e\u003ccircle cx=\"17.5\" cy=\"19.5\" r=\"1.5\"/\u003e",
 "category": "\u003crect x=\"3.5\" y=\"3.5\" width=\"7\" height=\"7\" rx=\"1.5\"/\u003e\u003crect x=\"13.5\" y=\"3.5\" width=\"7\" height=\"7\" rx=\"1.5\"/\u003e\u003crect x=\"3.5\" y=\"13.5\" width=\"7\" height=\"7\" rx=\"1.5\"/\u003e\u003crect x=\"13.5\" y=\"13.5\" width=\"7\" height=\"7\" rx=\"1.5\"/\u003e",
 "home": "\u003cpolyline points=\"3,11 12,3.5 21,11\"/\u003e\u003cpolyline points=\"5.5,9.5 5.5,20.5 18.5,20.5 18.5,9.5\"/\u003e\u003cpolyline points=\"10,20.5 10,15 14,15 14,20.5\"/\u003e",
 "image": "\u003crect x=\"3\" y=\"4.5\" width=\"18\" height=\"15\" rx=\"2\"/\u003e\u003ccircle cx=\"8.5\" cy=\"9.5\" r=\"1.5\"/\u003e\u003cpolyline points=\"3.5,17 9,12.5 13,16 16,13.5 20.5,17\"/\u003e",
 "notice": "\u003cpolygon points=\"3.5,9.5 7.5,9.5 13,5 13,19 7.5,14.5 3.5,14.5\"/\u003e\u003cpolyline points=\"15.25,9.32 15.78,9.87 16.17,10.52 16.42,11.24 16.5,12 16.42,12.76 16.17,13.48 15.78,14.13 15.25,14.68\"/\u003e\u003cpolyline points=\"17.5,6.64 18.23,7.35 18.85,8.15 19.34,9.04 19.71,9.99 19.93,10.99 20,12 19.93,13.01 19.71,14.01 19.34,14.96 18.85,15.85 18.23,16.65 17.5,17.36\"/\u003e",
 "order": "\u003crect x=\"5\" y=\"3\" width=\"14\" height=\"18\" rx=\"2\"/\u003e\u003cpolyline points=\"9,8 15,8\"/\u003e\u003cpolyline points=\"9,12 15,12\"/\u003e\u003cpolyline points=\"9,16 12.5,16\"/\u003e",
 "search": "\u003ccircle cx=\"11\" cy=\"11\" r=\"6.5\"/\u003e\u003cpolyline points=\"16,16 20.5,20.5\"/\u003e",
 "user": "\u003ccircle cx=\"12\" cy=\"8\" r=\"4\"/\u003e\u003cpolyline points=\"4.5,21 4.64,19.73 5.07,18.51 5.76,17.39 6.7,16.4 7.83,15.6 9.13,14.99 10.54,14.62 12,14.5 13.46,14.62 14.87,14.99 16.17,15.6 17.3,16.4 18.24,17.39 18.93,18.51 19.36,19.73 19.5,21\"/\u003e"
}
const TONES = {
 "accent": "\u0023ffb400",
 "border": "\u0023eeeeee",
 "on_primary": "\u0023ffffff",
 "primary": "\u0023ff5000",
 "text": "\u0023222222",
 "text_secondary": "\u0023888888"
}
const HEAD = "\u003csvg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\"\u003e"
const TAIL = "\u003c/svg\u003e"
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const made = {}

// The SVG is ASCII, so each character is one byte (no btoa in mini-programs).
function base64(text) {
  let out = ''
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i), b = text.charCodeAt(i + 1), c = text.charCodeAt(i + 2)
    const bits = (a << 16) | ((b || 0) << 8) | (c || 0)
    out += LETTERS[bits >> 18] + LETTERS[(bits >> 12) & 63]
    out += i + 1 < text.length ? LETTERS[(bits >> 6) & 63] : '='
    out += i + 2 < text.length ? LETTERS[bits & 63] : '='
  }
  return out
}

// icon('search', 'text_secondary'): a tone is a theme colour token's name.
export function icon(name, tone = 'text') {
  const key = name + ':' + tone
  if (!made[key]) {
    const color = TONES[tone] || TONES.text
    made[key] = 'data:image/svg+xml;base64,' + base64(HEAD.split('{color}').join(color) + (BODIES[name] || '') + TAIL)
  }
  return made[key]
}
