import { RichText, View } from '@tarojs/components'
import './index.css'

// config.nodes is a node tree sanitised by the generator: allow-listed tags, text as text.
export default function KdRichText({ config }) {
  return (
    <View className='kd-richtext'>
      <RichText nodes={config.nodes} />
    </View>
  )
}
