import { Text, View } from '@tarojs/components'
import { currentLocale, yuan } from '@/runtime/index.js'

const WORDS = {
  'zh-CN': { use: '使用 {p} 积分抵 {m}', balance: '共 {b} 积分' },
  en: { use: 'Use {p} points for {m} off', balance: '{b} points in total' }
}

// Slot checkout.sections: redeem points on this order (preview.sections.points); onChange gets
// this plugin's part of the checkout body, plugins.points.
export default function KdSlotPointsCheckout({ context, onChange }) {
  const section = context && context.section
  if (!section || section.max_points <= 0) return null
  const words = WORDS[currentLocale()] || WORDS['zh-CN']
  const using = !!context.part.points_to_redeem
  const points = using ? section.redeemed_points || context.part.points_to_redeem : section.max_points
  const toggle = () => onChange && onChange({ points_to_redeem: using ? null : section.max_points })
  return (
    <View className='kd-card kd-points-checkout' onClick={toggle}>
      <View className='kd-choice'>
        <Text className={'kd-choice__mark' + (using ? ' kd-choice__mark--on' : '')}>{using ? '✓' : ''}</Text>
        <View className='kd-line__info' style={{ marginLeft: 0 }}>
          <Text>{words.use.replace('{p}', points).replace('{m}', yuan(points * section.fen_per_point))}</Text>
          <Text className='kd-muted'>{words.balance.replace('{b}', section.balance)}</Text>
        </View>
      </View>
    </View>
  )
}
