import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { currentLocale, getPublic, go } from '@/runtime/index.js'

const WORDS = { 'zh-CN': { entry: '查看 3D 模型 · AR 摆放' }, en: { entry: 'View in 3D · place in AR' } }

// Slot product_detail.info (AR preview plugin): 查看 3D / AR when the product has a 3D model.
export default function KdSlotArEntry({ context }) {
  const [model, setModel] = useState(null)
  const words = WORDS[currentLocale()] || WORDS['zh-CN']
  const product = context && context.product

  useEffect(() => {
    let live = true
    setModel(null)
    if (product) {
      getPublic('/ar-preview/model?product_id=' + product.id)
        .then((found) => live && setModel(found))
        .catch(() => live && setModel(null)) // no model, plugin off for this shop, or offline: no entry
    }
    return () => {
      live = false
    }
  }, [product && product.id])

  if (!model) return null
  return (
    <View className='kd-card kd-ar-entry' style={{ display: 'flex', alignItems: 'center', margin: '8px 12px', padding: '10px 12px' }} onClick={() => go('ar_view', { product_id: model.product_id })}>
      <Text style={{ marginRight: '8px', padding: '1px 5px', borderRadius: '4px', background: '#222', color: '#fff', fontSize: '11px', fontWeight: 700 }}>3D</Text>
      <Text style={{ flex: 1, fontSize: '14px' }}>{words.entry}</Text>
      <Text className='kd-muted'>›</Text>
    </View>
  )
}
