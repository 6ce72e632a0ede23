import { Component } from 'react'
import { View } from '@tarojs/components'
import { t } from '@/locale/index.js'

const failedStyle = {
  padding: 'var(--kd-spacing-lg)',
  textAlign: 'center',
  color: 'var(--kd-color-text-secondary)',
  fontSize: 'var(--kd-font-size-sm)'
}

// One block's error boundary: a block that throws while rendering shows its error state in
// its own place, and the rest of the page keeps working.
export default class KdBlock extends Component {
  constructor(props) {
    super(props)
    this.state = { failed: false }
  }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  componentDidCatch(error) {
    console.warn('[kaidian] block ' + this.props.blockId + ' (' + this.props.type + ') failed to render', error)
  }

  render() {
    return (
      <View className='kd-block' data-block-id={this.props.blockId} data-block-type={this.props.type}>
        {this.state.failed ? <View className='kd-block__failed' style={failedStyle}>{t('block_failed')}</View> : this.props.children}
      </View>
    )
  }
}
