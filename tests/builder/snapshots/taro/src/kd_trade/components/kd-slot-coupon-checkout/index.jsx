import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { currentLocale, yuan } from '@/runtime/index.js'

const WORDS = {
  'zh-CN': { title: '优惠券', none: '不使用优惠券', count: '{n} 张可用', off: '已减 ' },
  en: { title: 'Coupons', none: 'No coupon', count: '{n} available', off: 'Saving ' }
}

// Slot checkout.sections: the customer's coupons for this order (preview.sections.coupons),
// the best ones chosen by the server until the customer picks; unusable ones say why. onChange
// gets this plugin's part of the checkout body, plugins.coupons.
export default function KdSlotCouponCheckout({ context, onChange }) {
  const [open, setOpen] = useState(false)
  const section = context && context.section
  if (!section || (!section.usable.length && !section.unusable.length)) return null
  const words = WORDS[currentLocale()] || WORDS['zh-CN']
  const chosen = section.usable.filter((coupon) => coupon.chosen)
  const saving = chosen.reduce((sum, coupon) => sum + coupon.discount_fen, 0)
  const none = Array.isArray(context.part.coupon_ids) && !context.part.coupon_ids.length
  const change = (patch) => onChange && onChange(patch)
  const toggle = (coupon) => {
    const ids = chosen.map((item) => item.id).filter((id) => id !== coupon.id)
    if (!coupon.chosen) ids.push(coupon.id)
    change({ coupon_ids: ids })
  }
  const mark = (on) => <Text className={'kd-choice__mark' + (on ? ' kd-choice__mark--on' : '')}>{on ? '✓' : ''}</Text>
  return (
    <View className='kd-card kd-coupon-checkout'>
      <View className='kd-row' onClick={() => setOpen(!open)}>
        <Text>{words.title}</Text>
        <Text className='kd-price kd-coupon-checkout__summary'>{(saving ? words.off + yuan(saving) : words.count.replace('{n}', section.usable.length)) + ' ›'}</Text>
      </View>
      {open ? (
        <View>
          {section.usable.map((coupon) => (
            <View key={coupon.id} className='kd-choice kd-coupon-checkout__usable' onClick={() => toggle(coupon)}>
              {mark(coupon.chosen)}
              <View className='kd-line__info' style={{ marginLeft: 0 }}>
                <Text>{coupon.title}</Text>
                <Text className='kd-muted'>{coupon.summary}</Text>
              </View>
              <Text className='kd-price'>{'-' + yuan(coupon.discount_fen)}</Text>
            </View>
          ))}
          <View className='kd-choice kd-coupon-checkout__none' onClick={() => change({ coupon_ids: [] })}>
            {mark(none)}
            <Text>{words.none}</Text>
          </View>
          {section.unusable.map((coupon) => (
            <View key={'u' + coupon.id} className='kd-choice kd-coupon-checkout__unusable'>
              <View className='kd-line__info' style={{ marginLeft: 0, opacity: 0.6 }}>
                <Text>{coupon.title}</Text>
                <Text className='kd-error'>{coupon.reason}</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
