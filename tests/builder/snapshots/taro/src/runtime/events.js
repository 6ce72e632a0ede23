// The runtime's event hook-point: login, add_to_cart, order_placed, payment… Analytics or a
// plugin's component subscribes with onEvent(); nothing listens by default.
const listeners = new Set()

export function onEvent(listener) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function emit(name, data) {
  listeners.forEach((listener) => {
    try {
      listener(name, data || {})
    } catch (error) {
      // A listener's failure never breaks the purchase.
    }
  })
}
