import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { currentLocale, deliveryAddressId, getPublic, go, loginFirst, newIdempotencyKey, payOrder, request, toast, yuan } from '@/runtime/index.js'

const WORDS = { 'zh-CN': { start: '发起拼团', choose: '请选择规格' }, en: { start: 'Start a group', choose: 'Choose options' } }

// Slot product_detail.actions: 发起拼团 when the product has a running group-buy activity.
export default function KdSlotGroupBuyStart({ context }) {
  const [activity, setActivity] = useState(null)
  const [busy, setBusy] = useState(false)
  const key = useRef('')
  const words = WORDS[currentLocale()] || WORDS['zh-CN']
  const product = context && context.product

  useEffect(() => {
    let live = true
    setActivity(null)
    if (product) {
      getPublic('/group-buy/activities')
        .then((running) => live && setActivity(running.find((item) => item.product_id === product.id) || null))
        .catch(() => live && setActivity(null))
    }
    return () => {
      live = false
    }
  }, [product && product.id])

  async function start() {
    const sku = context.sku
    if (!sku) return toast(words.choose)
    if (busy || !loginFirst()) return
    setBusy(true)
    const addressId = await deliveryAddressId().catch(() => null)
    if (!addressId) return setBusy(false)
    if (!key.current) key.current = newIdempotencyKey()
    try {
      const placed = await request('POST', '/api/shop/group-buy/activities/' + activity.id + '/open', {
        data: { sku_id: sku.id, quantity: 1, size: activity.sizes[0], address_id: addressId },
        idempotencyKey: key.current
      })
      key.current = ''
      await payOrder(placed.order_id)
      go('order', { id: placed.order_id })
    } catch (error) {
      if (error.status) key.current = ''
    } finally {
      setBusy(false)
    }
  }

  if (!activity) return null
  return (
    <View className={'kd-button kd-groupbuy-start' + (busy ? ' kd-button--off' : '')} onClick={start}>
      <Text>{words.start + ' ' + yuan(activity.group_price_fen)}</Text>
    </View>
  )
}
