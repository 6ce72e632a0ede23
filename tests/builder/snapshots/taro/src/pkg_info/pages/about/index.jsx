import { View } from '@tarojs/components'
import page from './page.js'
import KdBlock from '@/components/kd-block/index.jsx'
import KdRichText from '@/pkg_info/components/kd-rich-text/index.jsx'

const props = {}
for (const block of page.blocks) props[block.id] = block.props

export default function Page() {
  return (
    <View className='kd-page'>
      <KdBlock blockId='b0' type='rich_text'>
        <KdRichText config={props.b0} />
      </KdBlock>
    </View>
  )
}
