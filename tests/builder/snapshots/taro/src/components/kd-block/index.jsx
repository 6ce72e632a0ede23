import { Component } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { blockClicked, blockExposed, onPageView, watchExposure } from '@/runtime/index.js'
import { t } from '@/locale/index.js'

const failedStyle = {
  padding: 'var(--kd-spacing-lg)',
  textAlign: 'center',
  color: 'var(--kd-color-text-secondary)',
  fontSize: 'var(--kd-font-size-sm)'
}
let mounted = 0

// One block's error boundary: a block that throws while rendering shows its error state in
// its own place, and the rest of the page keeps working. It also reports the block's exposure
// (at least half visible for a second, once per page view) and taps to analytics.
export default class KdBlock extends Component {
  constructor(props) {
    super(props)
    this.state = { failed: false }
    mounted += 1
    this.domId = 'kd-block-' + mounted // the observer's selector: ids are all a mini-program takes
    this.page = Taro.getCurrentInstance().page
    this.clicked = () => blockClicked(this.props.blockId, this.props.type)
  }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  componentDidCatch(error) {
    console.warn('[kaidian] block ' + this.props.blockId + ' (' + this.props.type + ') failed to render', error)
  }

  componentDidMount() {
    this.offView = onPageView((view) => {
      if (view.route !== this.props.route) return
      if (view.hidden) this.unwatch()
      else this.watch()
    })
    this.watch()
  }

  componentWillUnmount() {
    this.unwatch()
    if (this.offView) this.offView()
  }

  // A fresh observer each time the page shows: its first report counts blocks already in view.
  watch() {
    this.unwatch()
    try {
      const observer = Taro.createIntersectionObserver(this.page, { thresholds: [0, 0.5] })
      this.stop = watchExposure(observer, '#' + this.domId, () => blockExposed(this.props.route, this.props.blockId, this.props.type))
    } catch (error) {
      // No observer on this platform: no exposures, the block works as ever.
    }
  }

  unwatch() {
    if (this.stop) this.stop()
    this.stop = null
  }

  render() {
    return (
      <View id={this.domId} className='kd-block' data-block-id={this.props.blockId} data-block-type={this.props.type} onClick={this.clicked}>
        {this.state.failed ? <View className='kd-block__failed' style={failedStyle}>{t('block_failed')}</View> : this.props.children}
      </View>
    )
  }
}
