// NL Design System component styles (CSS only: the React packages' own style injection would
// need inline <style>, which the Content-Security-Policy forbids), then our theme and layout.
import '@utrecht/document-css';
import '@utrecht/body-css';
import '@utrecht/page-layout-css';
import '@utrecht/page-header-css';
import '@utrecht/page-body-css';
import '@utrecht/page-footer-css';
import '@utrecht/button-css';
import '@utrecht/card-css';
import '@utrecht/data-list-css';
import '@utrecht/alert-css';
import '@utrecht/form-label-css';
import '@nl-design-system-candidate/heading-css/heading.css';
import '@nl-design-system-candidate/paragraph-css/paragraph.css';
import '@nl-design-system-candidate/link-css/link.css';
import '@nl-design-system-candidate/skip-link-css/skip-link.css';
import '@nl-design-system-candidate/data-badge-css/data-badge.css';
import './theme.css';
import './app.css';
import './live.css';
