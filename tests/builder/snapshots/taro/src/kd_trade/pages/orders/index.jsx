import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro'
import { ORDER_TABS, cancelOrder, confirmReceipt, formatTime, go, listOrders, payOrder, t, toast, usePageView, yuan } from '@/runtime/index.js'

export default function Orders() {
  usePageView("kd_trade/pages/orders/index")
  const [current, setCurrent] = useState('all')
  const [orders, setOrders] = useState(null)
  const [loading, setLoading] = useState(false)

  async function load() {
    setLoading(true)
    try {
      setOrders(await listOrders())
    } catch (error) {
      // The page offers 重试 while nothing was loaded; a later failure keeps the list shown.
    } finally {
      setLoading(false)
    }
  }

  async function pay(order) {
    const result = await payOrder(order.id)
    if (result.status !== 'paid') toast(result.message)
    else go('pay_result', { id: order.id, status: result.status })
    load()
  }

  function cancel(order) {
    Taro.showModal({
      content: t('cancel_confirm'),
      success: async (answer) => {
        if (!answer.confirm) return
        try {
          await cancelOrder(order.id)
          load()
        } catch (error) {
          // shown by the runtime
        }
      }
    })
  }

  async function confirm(order) {
    try {
      await confirmReceipt(order.id)
      load()
    } catch (error) {
      // shown by the runtime
    }
  }

  useLoad((query) => {
    if (query && query.tab && ORDER_TABS.some((tab) => tab.key === query.tab)) setCurrent(query.tab)
  })
  useDidShow(() => {
    load()
  })
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  const tab = ORDER_TABS.find((item) => item.key === current) || ORDER_TABS[0]
  const shown = (orders || []).filter((order) => !tab.statuses.length || tab.statuses.indexOf(order.status) >= 0 || (tab.key === 'after_sales' && order.refunded_fen > 0))
  const stopping = (handler) => (event) => {
    event.stopPropagation()
    handler()
  }

  let body = null
  if (loading && !orders) body = <View className='kd-state'>{t('loading')}</View>
  else if (!orders) {
    body = (
      <View className='kd-state'>
        <Text className='kd-state__text'>{t('network_error')}</Text>
        <View className='kd-button kd-button--ghost' onClick={load}>{t('retry')}</View>
      </View>
    )
  } else if (!shown.length) body = <View className='kd-state'>{t('no_orders')}</View>

  return (
    <View className='kd-sys kd-sys--bare kd-orders'>
      <View className='kd-tabs'>
        {ORDER_TABS.map((item) => (
          <Text key={item.key} className={'kd-tabs__tab' + (item.key === current ? ' kd-tabs__tab--on' : '')} onClick={() => setCurrent(item.key)}>
            {t(item.key === 'all' ? 'all_orders' : item.key)}
          </Text>
        ))}
      </View>
      {body}
      {shown.map((order) => (
        <View key={order.id} className='kd-card kd-orders__order' onClick={() => go('order', { id: order.id })}>
          <View className='kd-row'>
            <Text className='kd-muted'>{order.order_no}</Text>
            <Text className='kd-price kd-orders__status'>{t('status_' + order.status)}</Text>
          </View>
          {order.lines.map((line) => (
            <View key={line.id} className='kd-row'>
              <Text className='kd-line__title'>{line.title}</Text>
              <Text className='kd-muted'>× {line.quantity}</Text>
            </View>
          ))}
          <View className='kd-row'>
            <Text className='kd-muted'>{formatTime(order.created_at)}</Text>
            <Text>{t('total')} <Text className='kd-price'>{yuan(order.total_fen)}</Text></Text>
          </View>
          <View className='kd-row' style={{ justifyContent: 'flex-end' }}>
            {order.status === 'pending_payment' ? <View className='kd-button kd-button--ghost kd-button--small' onClick={stopping(() => cancel(order))}>{t('cancel_order')}</View> : null}
            {order.status === 'pending_payment' ? <View className='kd-button kd-button--small' onClick={stopping(() => pay(order))}>{t('continue_paying')}</View> : null}
            {order.status === 'shipped' || order.status === 'delivered' ? <View className='kd-button kd-button--small' onClick={stopping(() => confirm(order))}>{t('confirm_receipt')}</View> : null}
          </View>
        </View>
      ))}
    </View>
  )
}
