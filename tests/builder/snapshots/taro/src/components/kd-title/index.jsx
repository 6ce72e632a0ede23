import { Text, View } from '@tarojs/components'
import { openLink } from '@/utils/link.js'
import './index.css'

export default function KdTitle({ config }) {
  return (
    <View className='kd-title' style={{ textAlign: config.align }}>
      <View className='kd-title__main'>
        <Text className='kd-title__text'>{config.text}</Text>
        {config.subtitle && <Text className='kd-title__sub'>{config.subtitle}</Text>}
      </View>
      {config.more_text && <Text className='kd-title__more' onClick={() => openLink(config.more_link)}>{config.more_text} ›</Text>}
    </View>
  )
}
