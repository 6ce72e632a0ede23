// Choosing a SKU by its spec values (颜色 × 尺码 …), shared by every product page and picker.
// product.specs: [{name, values}], product.skus: [{id, spec_values, price_fen, stock_status, stock?}]

export function sellable(sku) {
  return !!sku && sku.stock_status !== 'sold_out' && (sku.stock === undefined || sku.stock === null || sku.stock > 0)
}

function specs(product) {
  return (product && product.specs) || []
}

// chosen: one value (or '') per spec dimension.
export function matchSku(product, chosen) {
  const skus = (product && product.skus) || []
  if (!specs(product).length) return skus[0] || null
  if (chosen.some((value) => !value)) return null
  return skus.find((sku) => sku.spec_values.every((value, index) => value === chosen[index])) || null
}

// Whether picking `value` for dimension `index` (keeping the other choices) leads to a SKU in stock.
export function valueAvailable(product, chosen, index, value) {
  return ((product && product.skus) || []).some(
    (sku) =>
      sellable(sku) &&
      sku.spec_values[index] === value &&
      sku.spec_values.every((other, position) => position === index || !chosen[position] || chosen[position] === other)
  )
}

// The first SKU in stock, as a choice of values (every dimension filled), or empty choices.
export function initialChoice(product) {
  const first = ((product && product.skus) || []).find(sellable)
  return first ? first.spec_values.slice() : specs(product).map(() => '')
}

export function choose(product, chosen, index, value) {
  const next = chosen.slice()
  next[index] = next[index] === value ? '' : value
  return next
}

// The largest quantity the customer may pick (the shop may hide exact stock: then 999).
export function maxQuantity(sku) {
  if (!sku) return 1
  return sku.stock === undefined || sku.stock === null ? 999 : Math.max(1, Math.min(999, sku.stock))
}

// "12:1,13:2" <-> [{sku_id: 12, quantity: 1}, …], how lines travel in a page's query.
export function encodeLines(lines) {
  return lines.map((line) => line.sku_id + ':' + line.quantity).join(',')
}

export function decodeLines(text) {
  return String(text || '')
    .split(',')
    .map((part) => part.split(':').map(Number))
    .filter(([sku, quantity]) => sku > 0 && quantity > 0)
    .map(([sku, quantity]) => ({ sku_id: sku, quantity }))
}
