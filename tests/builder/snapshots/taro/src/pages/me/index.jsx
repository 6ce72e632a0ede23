import { View } from '@tarojs/components'
import { useState } from 'react'
import Taro, { useLoad, usePullDownRefresh } from '@tarojs/taro'
import { loadBlocks } from '@/api/client.js'
import { usePageView } from '@/runtime/index.js'
import page from './page.js'
import KdBlock from '@/components/kd-block/index.jsx'
import KdUserCenter from '@/components/kd-user-center/index.jsx'
import KdSlotFeedbackPrompt from '@/components/kd-slot-feedback-prompt/index.jsx'
import KdSlotAdsOverlay from '@/components/kd-slot-ads-overlay/index.jsx'

const props = {}
for (const block of page.blocks) props[block.id] = block.props

export default function Page() {
  usePageView(page.path, { share: true })
  const [results, setResults] = useState({})
  const [loading, setLoading] = useState(true)
  const [query, setQuery] = useState({})

  async function refresh(options, force) {
    setLoading(true)
    setResults(await loadBlocks(page.blocks, options, { force }))
    setLoading(false)
  }

  useLoad((options) => {
    setQuery(options || {})
    refresh(options || {}, false)
  })

  usePullDownRefresh(async () => {
    await refresh(query, true)
    Taro.stopPullDownRefresh()
  })

  return (
    <View className='kd-page'>
      <KdBlock blockId={page.blocks[ 0 ].block_id} type='user_center' route={page.path}>
        <KdUserCenter config={props.b0} data={results.b0} loading={loading} />
      </KdBlock>
      <KdSlotFeedbackPrompt context={{ route: page.path }} />
      <KdSlotAdsOverlay context={{ route: page.path }} />
    </View>
  )
}
