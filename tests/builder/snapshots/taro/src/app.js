import { Component } from 'react'
import './app.css'

class App extends Component {
  render() {
    return this.props.children
  }
}

export default App
