// The checkout body: core's own fields (lines, note, address_id, shipping_method) at the top,
// each plugin's choices as its part, plugins.<plugin>, which the server checks against the JSON
// Schema that plugin registered. The page knows no plugin's fields: a checkout section hands its
// own part to mergePart, and checkoutBody puts the body together.
function withoutEmpty(value) {
  const kept = {}
  for (const key of Object.keys(value || {})) {
    if (value[key] !== undefined && value[key] !== null && value[key] !== '') kept[key] = value[key]
  }
  return kept
}

// parts with plugin's part patched: a key set to null/undefined is dropped, an emptied part too.
export function mergePart(parts, plugin, patch) {
  const merged = Object.assign({}, parts)
  const part = withoutEmpty(Object.assign({}, merged[plugin], patch))
  if (Object.keys(part).length) merged[plugin] = part
  else delete merged[plugin]
  return merged
}

export function checkoutBody(fields, parts) {
  const body = withoutEmpty(fields)
  if (parts && Object.keys(parts).length) body.plugins = parts
  return body
}
