// The one copy of the money and time helpers every component and page uses.
// Money arrives as integer fen; shown as yuan with two decimals.
export function yuan(fen) {
  const value = Math.round(Number(fen) || 0)
  const sign = value < 0 ? '-' : ''
  const abs = Math.abs(value)
  const cents = String(abs % 100)
  return sign + '¥' + Math.floor(abs / 100) + '.' + (cents.length < 2 ? '0' + cents : cents)
}

function two(value) {
  return value < 10 ? '0' + value : String(value)
}

// Times arrive as ISO 8601 UTC; shown in the device's time zone, e.g. 2026-12-04 13:05.
export function formatTime(iso) {
  if (!iso) return ''
  const date = new Date(iso)
  if (isNaN(date.getTime())) return ''
  const text = date.getFullYear() + '-' + two(date.getMonth() + 1) + '-' + two(date.getDate()) + ' ' + two(date.getHours()) + ':' + two(date.getMinutes())
  return text
}
