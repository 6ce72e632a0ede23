import { ScrollView, Text, View } from '@tarojs/components'
import KdImage from '@/components/kd-lazy-image/index.jsx'
import { openLink } from '@/utils/link.js'
import { yuan } from '@/utils/format.js'
import { t } from '@/locale/index.js'
import './index.css'

export default function KdProductGrid({ config, data, loading }) {
  const items = (data && data.ok && data.data && data.data.items) || []
  const failed = !!data && !data.ok
  let body
  if (loading && !items.length) body = <View className='kd-products__state'>{t('loading')}</View>
  else if (failed) body = <View className='kd-products__state'>{t('load_failed')}</View>
  else if (!items.length) body = <View className='kd-products__state'>{t('empty')}</View>
  else
    body = (
      <ScrollView scrollX={config.layout === 'scroll'} className='kd-products__wrap'>
        <View className={'kd-products__list kd-products__list--' + config.layout}>
          {items.map((item) => (
            <View key={item.id} className='kd-products__card' onClick={() => openLink('product:' + item.id)}>
              <View className='kd-products__image'><KdImage src={item.image} alt={item.title} /></View>
              <View className='kd-products__body'>
                <Text className='kd-products__name'>{item.title}</Text>
                <View className='kd-products__foot'>
                  {config.show_price && <Text className='kd-products__price'>{yuan(item.price_fen)}</Text>}
                  {config.show_buy_button && <Text className='kd-products__buy'>{t('buy')}</Text>}
                </View>
              </View>
            </View>
          ))}
        </View>
      </ScrollView>
    )
  return (
    <View className='kd-products'>
      {config.title && <Text className='kd-products__title'>{config.title}</Text>}
      {body}
    </View>
  )
}
