import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, useUnload } from '@tarojs/taro'
import { cancelOrder, confirmReceipt, formatTime, get, getOrder, go, isFinal, localized, payOrder, t, toast, usePageView, watchOrder, yuan } from '@/runtime/index.js'

const REFUNDABLE = ['paid', 'partially_shipped', 'shipped', 'delivered', 'completed']

export default function OrderDetail() {
  usePageView("kd_trade/pages/order/index")
  const orderId = useRef(0)
  const stop = useRef(null)
  const [order, setOrder] = useState(null)
  const [failed, setFailed] = useState(false)
  const [address, setAddress] = useState(null)

  async function loadAddress(found) {
    const id = found && found.shipping && found.shipping.address_id
    if (!id || (address && address.id === id)) return
    try {
      const list = await get('/api/shop/addresses', { silent: true })
      setAddress(list.find((item) => item.id === id) || null)
    } catch (error) {
      setAddress(null)
    }
  }

  async function load() {
    setFailed(false)
    try {
      const found = await getOrder(orderId.current)
      setOrder(found)
      loadAddress(found)
      return found
    } catch (error) {
      setFailed(true)
      return null
    }
  }

  function follow(found) {
    if (stop.current) stop.current()
    stop.current = null
    if (found && !isFinal(found.status)) stop.current = watchOrder(orderId.current, (next) => setOrder(next))
  }

  async function pay() {
    const result = await payOrder(orderId.current)
    if (result.status !== 'paid') toast(result.message)
    follow(await load())
  }

  function cancel() {
    Taro.showModal({
      content: t('cancel_confirm'),
      success: async (answer) => {
        if (!answer.confirm) return
        try {
          setOrder(await cancelOrder(orderId.current))
        } catch (error) {
          // shown by the runtime
        }
      }
    })
  }

  async function confirm() {
    try {
      setOrder(await confirmReceipt(orderId.current))
    } catch (error) {
      // shown by the runtime
    }
  }

  useLoad((query) => {
    orderId.current = Number(query.id)
  })
  useDidShow(async () => {
    follow(await load())
  })
  useUnload(() => stop.current && stop.current())

  if (!order) {
    return (
      <View className='kd-sys kd-order'>
        {failed
          ? (
            <View className='kd-state'>
              <Text className='kd-state__text'>{t('network_error')}</Text>
              <View className='kd-button kd-button--ghost' onClick={load}>{t('retry')}</View>
            </View>
            )
          : <View className='kd-state'>{t('loading')}</View>}
      </View>
    )
  }
  const timeline = (order.history || []).slice().reverse()
  const canRefund = REFUNDABLE.indexOf(order.status) >= 0 && order.refunded_fen < order.paid_fen
  const pending = order.status === 'pending_payment'
  return (
    <View className='kd-sys kd-order'>
      <View className='kd-card'>
        <Text className='kd-status kd-order__status' data-status={order.status}>{t('status_' + order.status)}</Text>
        {pending ? <Text className='kd-muted' style={{ display: 'block' }}>{t('pay_before', { time: formatTime(order.pay_deadline) })}</Text> : null}
      </View>
      {address
        ? (
          <View className='kd-card'>
            <Text className='kd-row--strong'>{address.recipient} {address.phone}</Text>
            <Text className='kd-muted' style={{ display: 'block' }}>{address.province}{address.city}{address.district}{address.detail}</Text>
          </View>
          )
        : null}
      <View className='kd-card'>
        {order.lines.map((line) => (
          <View key={line.id} className='kd-row'>
            <View className='kd-line__info' style={{ marginLeft: 0 }}>
              <Text className='kd-line__title'>{line.title}</Text>
              {line.refunded_quantity ? <Text className='kd-muted'>{t('refunded_n', { n: line.refunded_quantity })}</Text> : null}
            </View>
            <View className='kd-line__side'>
              <Text>{yuan(line.unit_price_fen)}</Text>
              <Text className='kd-muted'>× {line.quantity}</Text>
            </View>
          </View>
        ))}
        <View className='kd-row'><Text className='kd-row__label'>{t('subtotal')}</Text><Text>{yuan(order.subtotal_fen)}</Text></View>
        {(order.adjustments || []).map((item, index) => (
          <View key={index} className='kd-row'>
            <Text className='kd-row__label'>{item.label || localized(item.reason) || item.source}</Text>
            <Text className='kd-price'>{yuan(item.amount_fen)}</Text>
          </View>
        ))}
        <View className='kd-row'><Text className='kd-row__label'>{t('shipping_fee')}</Text><Text>{yuan(order.shipping_fen)}</Text></View>
        <View className='kd-row kd-row--strong'><Text>{t('total')}</Text><Text className='kd-price'>{yuan(order.total_fen)}</Text></View>
        {order.refunded_fen ? <View className='kd-row'><Text className='kd-row__label'>{t('refunded')}</Text><Text>{yuan(order.refunded_fen)}</Text></View> : null}
      </View>
      <View className='kd-card'>
        <Text className='kd-card__title'>{t('timeline')}</Text>
        {timeline.map((row, index) => (
          <View key={index} className={'kd-timeline__item' + (index === 0 ? ' kd-timeline__item--now' : '')}>
            <Text style={{ display: 'block' }}>{t('status_' + row.to_status)}</Text>
            <Text className='kd-muted'>{formatTime(row.created_at)}</Text>
          </View>
        ))}
        <View className='kd-row'><Text className='kd-row__label'>{t('order_no')}</Text><Text className='kd-muted'>{order.order_no}</Text></View>
        {order.note ? <View className='kd-row'><Text className='kd-row__label'>{t('note')}</Text><Text className='kd-muted'>{order.note}</Text></View> : null}
      </View>
      <View className='kd-bar'>
        {pending ? <View className='kd-button kd-button--ghost kd-order__cancel' onClick={cancel}>{t('cancel_order')}</View> : null}
        {pending ? <View className='kd-button kd-order__pay' onClick={pay}>{t('continue_paying')}</View> : null}
        {canRefund ? <View className='kd-button kd-button--ghost kd-order__refund' onClick={() => go('refund', { id: order.id })}>{t('apply_refund')}</View> : null}
        {order.status === 'shipped' || order.status === 'delivered' ? <View className='kd-button kd-order__confirm' onClick={confirm}>{t('confirm_receipt')}</View> : null}
      </View>
    </View>
  )
}
