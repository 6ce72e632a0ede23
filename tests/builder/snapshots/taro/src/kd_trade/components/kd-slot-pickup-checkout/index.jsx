import { Text, View } from '@tarojs/components'
import { currentLocale, yuan } from '@/runtime/index.js'

const WORDS = {
  'zh-CN': { title: '配送方式', express: '快递配送', pickup: '到团点自提' },
  en: { title: 'Delivery', express: 'Delivery', pickup: 'Pick up' }
}

// Slot checkout.sections: collect the order at a community pickup point instead of delivery.
// onChange gets this plugin's part of the checkout body (plugins.community_group), onShipping
// the method it serves (collected, so no delivery address).
export default function KdSlotPickupCheckout({ context, onChange, onShipping }) {
  const points = (context && context.section && context.section.pickup_points) || []
  if (!points.length) return null
  const words = WORDS[currentLocale()] || WORDS['zh-CN']
  const pickup = context.input.shipping_method === 'pickup'
  const change = (part, method) => {
    if (onChange) onChange(part)
    if (onShipping) onShipping(method ? { method, address: false } : null)
  }
  const choose = (point) => change({ pickup_point_id: point.id }, 'pickup')
  return (
    <View className='kd-card kd-pickup-checkout'>
      <Text className='kd-card__title'>{words.title}</Text>
      <View className='kd-chips'>
        <Text className={'kd-chip' + (!pickup ? ' kd-chip--on' : '')} onClick={() => change({ pickup_point_id: null }, null)}>{words.express}</Text>
        <Text className={'kd-chip kd-pickup-checkout__pickup' + (pickup ? ' kd-chip--on' : '')} onClick={() => choose(points[0])}>{words.pickup}</Text>
      </View>
      {pickup
        ? points.map((point) => (
            <View key={point.id} className='kd-choice' onClick={() => choose(point)}>
              <Text className={'kd-choice__mark' + (point.id === context.part.pickup_point_id ? ' kd-choice__mark--on' : '')}>{point.id === context.part.pickup_point_id ? '✓' : ''}</Text>
              <View className='kd-line__info' style={{ marginLeft: 0 }}>
                <Text>{point.name}</Text>
                <Text className='kd-muted'>{point.address}</Text>
              </View>
              <Text className='kd-muted'>{point.fee_fen ? yuan(point.fee_fen) : ''}</Text>
            </View>
          ))
        : null}
    </View>
  )
}
