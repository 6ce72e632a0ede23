import { View } from '@tarojs/components'
import { useState } from 'react'
import Taro, { useLoad, usePullDownRefresh } from '@tarojs/taro'
import { loadBlocks } from '@/api/client.js'
import { usePageView } from '@/runtime/index.js'
import page from './page.js'
import KdBlock from '@/components/kd-block/index.jsx'
import KdProductGrid from '@/components/kd-product-grid/index.jsx'
import KdTitle from '@/components/kd-title/index.jsx'
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
      <KdBlock blockId={page.blocks[ 0 ].block_id} type='title' route={page.path}>
        <KdTitle config={props.b0} />
      </KdBlock>
      <KdBlock blockId={page.blocks[ 1 ].block_id} type='product_grid' route={page.path}>
        <KdProductGrid config={props.b1} data={results.b1} loading={loading} />
      </KdBlock>
      <KdSlotFeedbackPrompt context={{ route: page.path }} />
      <KdSlotAdsOverlay context={{ route: page.path }} />
    </View>
  )
}
