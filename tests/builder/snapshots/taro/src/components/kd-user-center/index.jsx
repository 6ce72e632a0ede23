import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import KdImage from '@/components/kd-lazy-image/index.jsx'
import { go, openLink, pageEntries, t } from '@/runtime/index.js'
import './index.css'

const ORDER_KEYS = ['to_pay', 'to_ship', 'to_receive', 'after_sales']

export default function KdUserCenter({ config, data }) {
  const me = (data && data.ok && data.data) || null
  return (
    <View className='kd-user'>
      <View className='kd-user__header' style={{ background: config.header_background }} onClick={() => go('login')}>
        {me && me.avatar && <KdImage className='kd-user__avatar' src={me.avatar} width={Taro.pxTransform(120)} height={Taro.pxTransform(120)} />}
        <Text className='kd-user__name'>{me ? me.nickname || t('customer') : t('login')}</Text>
      </View>
      {config.show_orders && (
        <View className='kd-user__orders'>
          <View className='kd-user__heading-row' onClick={() => go('orders')}>
            <Text className='kd-user__heading'>{t('my_orders')}</Text>
            <Text className='kd-user__all'>{t('all_orders')} ›</Text>
          </View>
          <View className='kd-user__order-row'>
            {ORDER_KEYS.map((key) => <Text key={key} className='kd-user__order' onClick={() => go('orders', { tab: key })}>{t(key)}</Text>)}
          </View>
        </View>
      )}
      <View className='kd-user__menu'>
        <View className='kd-user__item' onClick={() => go('addresses')}>
          <Text className='kd-user__item-text'>{t('my_addresses')}</Text>
          <Text>›</Text>
        </View>
        {pageEntries().map((entry) => (
          <View key={entry.name} className='kd-user__item kd-user__entry' data-page={entry.name} onClick={() => go(entry.name)}>
            <Text className='kd-user__item-text'>{entry.title}</Text>
            <Text>›</Text>
          </View>
        ))}
        {config.menu.map((item, index) => (
          <View key={index} className='kd-user__item' onClick={() => openLink(item.link)}>
            {item.icon && <KdImage src={item.icon} width={Taro.pxTransform(40)} height={Taro.pxTransform(40)} />}
            <Text className='kd-user__item-text'>{item.text}</Text>
            <Text>›</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
