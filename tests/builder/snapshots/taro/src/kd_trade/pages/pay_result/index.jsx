import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useLoad, useUnload } from '@tarojs/taro'
import { formatTime, getOrder, go, goTab, payOrder, t, toast, usePageView, watchOrder, yuan } from '@/runtime/index.js'

export default function PayResult() {
  usePageView("kd_trade/pages/pay_result/index")
  const [orderId, setOrderId] = useState(0)
  const [order, setOrder] = useState(null)
  const [outcome, setOutcome] = useState('')
  const stop = useRef(null)

  async function load(id) {
    try {
      const found = await getOrder(id)
      setOrder(found)
      return found
    } catch (error) {
      toast(error.message)
      return null
    }
  }

  async function again() {
    const result = await payOrder(orderId)
    setOutcome(result.status)
    if (result.status !== 'paid') toast(result.message)
    await load(orderId)
  }

  useLoad(async (query) => {
    const id = Number(query.id)
    setOrderId(id)
    setOutcome(query.status || '')
    const found = await load(id)
    // WeChat confirms a payment to the server a moment after the customer paid: follow it.
    if (found && found.status === 'pending_payment') stop.current = watchOrder(id, (next) => setOrder(next), { pollMs: 2000 })
  })

  useUnload(() => stop.current && stop.current())

  const paid = order && order.status !== 'pending_payment' && order.status !== 'cancelled'
  const waiting = outcome === 'paid' && order && order.status === 'pending_payment'
  let title = outcome === 'cancelled' ? t('pay_cancelled_title') : t('pay_pending')
  if (paid) title = t('pay_success')
  else if (order && order.status === 'cancelled') title = t('order_cancelled')

  return (
    <View className='kd-sys kd-sys--bare kd-pay-result'>
      <View className='kd-state'>
        <Text className='kd-status kd-state__text kd-pay-result__status'>{title}</Text>
        {order ? <Text className='kd-state__text kd-price'>{yuan(order.total_fen)}</Text> : null}
        {waiting ? <Text className='kd-state__text kd-muted'>{t('pay_confirming')}</Text> : null}
        {order && order.status === 'pending_payment' ? <Text className='kd-state__text kd-muted'>{t('pay_before', { time: formatTime(order.pay_deadline) })}</Text> : null}
        <View>
          {order && order.status === 'pending_payment' ? <View className='kd-button kd-pay-result__again' onClick={again}>{t('continue_paying')}</View> : null}
          <View className='kd-button kd-button--ghost kd-pay-result__order' onClick={() => go('order', { id: orderId }, true)}>{t('view_order')}</View>
          <View className='kd-button kd-button--ghost' onClick={() => goTab('')}>{t('go_shopping')}</View>
        </View>
      </View>
    </View>
  )
}
