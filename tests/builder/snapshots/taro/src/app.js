import { Component } from 'react'
import { appHidden, ensureLogin, hadCart, loadCart, setShareCode } from '@/runtime/index.js'
import './app.css'
import { showPlainTitles } from './utils/h5_title.js'

if (process.env.TARO_ENV === 'h5') showPlainTitles()

class App extends Component {
  onLaunch(options) {
    setShareCode(options && options.query && options.query.share_code)
    // Silent login (the server merges this device's guest cart into the customer's); the cart
    // itself loads for the tab badge only if this device had one.
    ensureLogin()
      .catch(() => null)
      .then(() => (hadCart() ? loadCart() : null))
  }

  componentDidHide() {
    appHidden() // the analytics events waiting in the queue leave now
  }

  render() {
    return this.props.children
  }
}

export default App
