// Orders of the customer: placing one (with one Idempotency-Key per attempt), reading and
// acting on it, and following its status live (server-sent events on H5, polling elsewhere).
import settings from '@/api/settings.js'
import { request, newIdempotencyKey } from './request.js'
import { ensureLogin } from './session.js'
import { IS_H5, toast } from './platform.js'
import { currentLocale, t } from '@/locale/index.js'
import { go } from '@/utils/link.js'
import { emit } from './events.js'
import { experiments } from './analytics.js'

export const ORDER_TABS = [
  { key: 'all', statuses: [] },
  { key: 'to_pay', statuses: ['pending_payment'] },
  { key: 'to_ship', statuses: ['paid', 'partially_shipped'] },
  { key: 'to_receive', statuses: ['shipped', 'delivered'] },
  { key: 'completed', statuses: ['completed'] },
  { key: 'after_sales', statuses: ['refunding', 'refunded'] }
]
const FINAL = ['completed', 'cancelled', 'refunded']

// A checkout attempt: keep the object while the customer retries the same input (same key,
// so a double tap or a retry after a timeout makes one order); call again for a new input.
// The device's A/B assignments go with it (taken once, so a retry sends the same body), and
// the server's order events carry them with the device's X-Device-Token.
export function checkoutAttempt() {
  const key = newIdempotencyKey()
  const assigned = experiments()
  let running = null
  return {
    key,
    place(body) {
      if (!running) {
        const data = Object.keys(assigned).length ? Object.assign({}, body, { experiments: assigned }) : body
        running = request('POST', '/api/shop/orders', { data, idempotencyKey: key }).then(
          (order) => {
            emit('order_placed', { orderId: order.id, totalFen: order.total_fen })
            return order
          },
          (error) => {
            running = null
            throw error
          }
        )
      }
      return running
    }
  }
}

export function previewCheckout(body) {
  return request('POST', '/api/shop/checkout/preview', { data: body, silent: true })
}

export function listOrders(status) {
  return request('GET', '/api/shop/orders' + (status ? '?status=' + status : ''), { silent: true })
}

export function getOrder(orderId) {
  return request('GET', '/api/shop/orders/' + orderId, { silent: true })
}

export function cancelOrder(orderId, reason) {
  return request('POST', '/api/shop/orders/' + orderId + '/cancel', { data: { reason: reason || '' } })
}

export function confirmReceipt(orderId) {
  return request('POST', '/api/shop/orders/' + orderId + '/confirm-receipt', { data: {} })
}

export function requestRefund(orderId, body) {
  return request('POST', '/api/shop/orders/' + orderId + '/refunds', { data: body })
}

// Where an order placed outside the checkout page (a group buy) is delivered: the customer's
// default address, else their first; without one they are sent to add one (it could not ship).
export async function deliveryAddressId() {
  const list = await request('GET', '/api/shop/addresses', { silent: true })
  const chosen = list.find((item) => item.is_default) || list[0]
  if (chosen) return chosen.id
  toast(t('address_first'))
  go('address_edit')
  return null
}

export function isFinal(status) {
  return FINAL.indexOf(status) >= 0
}

async function streamEvents(orderId, onEvent, signal) {
  const token = await ensureLogin()
  const response = await fetch(settings.baseUrl + '/api/shop/orders/' + orderId + '/events', {
    headers: { Authorization: 'Bearer ' + token, Accept: 'text/event-stream', 'Accept-Language': currentLocale() },
    signal
  })
  if (!response.ok || !response.body) throw new Error('events ' + response.status)
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n')
    let end = buffer.indexOf('\n\n')
    while (end >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const data = block.split('\n').filter((line) => line.indexOf('data:') === 0).map((line) => line.slice(5).trim()).join('\n')
      if (data) {
        try {
          onEvent(JSON.parse(data))
        } catch (error) {
          // A malformed event is skipped; the next one or the poll catches up.
        }
      }
      end = buffer.indexOf('\n\n')
    }
  }
}

// Calls onOrder(order) whenever the order changes, until stop() or a final status.
export function watchOrder(orderId, onOrder, options) {
  const every = (options && options.pollMs) || 5000
  let stopped = false
  let timer = null
  let lastStatus = ''
  const controller = typeof AbortController !== 'undefined' ? new AbortController() : null

  async function refresh() {
    try {
      const order = await getOrder(orderId)
      if (stopped) return order
      if (order.status !== lastStatus) {
        lastStatus = order.status
        onOrder(order)
      }
      return order
    } catch (error) {
      return null
    }
  }

  function poll() {
    if (stopped) return
    timer = setTimeout(async () => {
      const order = await refresh()
      if (!order || !isFinal(order.status)) poll()
    }, every)
  }

  if (IS_H5 && typeof fetch === 'function' && typeof TextDecoder === 'function') {
    streamEvents(orderId, () => refresh(), controller ? controller.signal : undefined)
      .catch(() => null)
      .then(() => {
        if (!stopped && !isFinal(lastStatus)) poll()
      })
  } else {
    poll()
  }
  return function stop() {
    stopped = true
    if (timer) clearTimeout(timer)
    if (controller) controller.abort()
  }
}
