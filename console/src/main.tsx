import { render } from 'preact';
import { App } from './app';
import './styles/base.css';
import './styles/content.css';
import './styles/forms.css';
import './styles/tables.css';

render(<App />, document.getElementById('app')!);
