import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { currentLocale, ensureLogin, get, go } from '@/runtime/index.js'
import './index.css'

const WORDS = {
  'zh-CN': { title: '评价一下这次购物吧', body: '订单 {no} 已签收，你的评价能帮助我们做得更好', go: '去评价', later: '稍后' },
  en: { title: 'How was your order?', body: 'Order {no} has arrived. Tell us how we did', go: 'Give feedback', later: 'Later' }
}
// Module scope, shared by the prompt on every page: asked for once per app launch.
const launch = { asked: false }

// Slot app.prompts: the customer's newest open feedback request, once per app launch.
export default function KdSlotFeedbackPrompt() {
  const [shown, setShown] = useState(null)
  const words = WORDS[currentLocale()] || WORDS['zh-CN']

  useEffect(() => {
    if (launch.asked) return
    launch.asked = true // whichever page opens first asks; the customer is not asked again this launch
    let live = true
    ensureLogin()
      .then(() => get('/api/shop/feedback/prompt', { silent: true }))
      .then((found) => live && setShown((found && found.request) || null))
      .catch(() => live && setShown(null)) // not logged in, or the plugin is off: no prompt
    return () => {
      live = false
    }
  }, [])

  if (!shown) return null
  function answer() {
    const orderId = shown.order_id
    setShown(null)
    go('feedback_form', { order_id: orderId })
  }
  return (
    <View className='kd-feedback-prompt' data-order={shown.order_id}>
      <View className='kd-feedback-prompt__card'>
        <Text className='kd-feedback-prompt__title'>{words.title}</Text>
        <Text className='kd-feedback-prompt__body'>{words.body.split('{no}').join(shown.order_no)}</Text>
        <View className='kd-feedback-prompt__actions'>
          <Text className='kd-button kd-button--small kd-button--ghost kd-feedback-prompt__later' onClick={() => setShown(null)}>{words.later}</Text>
          <Text className='kd-button kd-button--small kd-feedback-prompt__go' onClick={answer}>{words.go}</Text>
        </View>
      </View>
    </View>
  )
}
