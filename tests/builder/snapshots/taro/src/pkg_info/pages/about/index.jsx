import { View } from '@tarojs/components'
import { usePageView } from '@/runtime/index.js'
import page from './page.js'
import KdBlock from '@/components/kd-block/index.jsx'
import KdRichText from '@/pkg_info/components/kd-rich-text/index.jsx'
import KdSlotFeedbackPrompt from '@/components/kd-slot-feedback-prompt/index.jsx'
import KdSlotAdsOverlay from '@/components/kd-slot-ads-overlay/index.jsx'

const props = {}
for (const block of page.blocks) props[block.id] = block.props

export default function Page() {
  usePageView(page.path, { share: true })
  return (
    <View className='kd-page'>
      <KdBlock blockId={page.blocks[ 0 ].block_id} type='rich_text' route={page.path}>
        <KdRichText config={props.b0} />
      </KdBlock>
      <KdSlotFeedbackPrompt context={{ route: page.path }} />
      <KdSlotAdsOverlay context={{ route: page.path }} />
    </View>
  )
}
