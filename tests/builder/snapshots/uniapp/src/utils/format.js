// Money arrives as integer fen; shown as yuan with two decimals.
export function yuan(fen) {
  const value = Math.round(Number(fen) || 0)
  const sign = value < 0 ? '-' : ''
  const abs = Math.abs(value)
  const cents = String(abs % 100)
  return sign + '¥' + Math.floor(abs / 100) + '.' + (cents.length < 2 ? '0' + cents : cents)
}
